using AiGov.Text.Boilerplate;

namespace AiGov.Text.Tests.Performance;

/// <summary>Known lines and their sections: the length and colon pre-checks in front of the union regexes change nothing.</summary>
public class PhraseMatcherPrefilterTests
{
    [Theory]
    [InlineData("Copyright © 2024 Example Media. All rights reserved.", "footer")]
    [InlineData("The views expressed here do not necessarily reflect those of the site.", "footer")]
    [InlineData("本文由张三发表于新闻网", "footer")]
    [InlineData("【责任编辑：王五】", "credit")]
    [InlineData("已关闭评论", "debris")]
    [InlineData("12 comments", "comments")]
    [InlineData("Source: Reuters", "source")]
    [InlineData("(Source: Reuters)", "source")]
    [InlineData("Related articles", "related")]
    [InlineData("Regulators compared notes on model evaluations: the source of the delay is unclear.", null)]
    [InlineData("A copyright dispute over training data reached the court on Monday.", null)]
    public void Matches_sections_as_before(string line, string? label)
    {
        Assert.Equal(label, PhraseLists.Matcher.Match(line)?.Label);
    }
}
