using System.Text;
using System.Text.RegularExpressions;

namespace AiGov.Text.Tests.Performance;

/// <summary>The hand-written collapse must equal the regex it replaced: <c>Regex.Replace(text, @"\s+", " ")</c> (+ Trim).</summary>
public class WhitespaceCollapserTests
{
    private static readonly Regex s_whitespace = new(@"\s+");

    [Fact]
    public void Regex_whitespace_class_is_char_IsWhiteSpace()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var ch = (char)c;
            if (char.IsSurrogate(ch))
            {
                continue;
            }

            Assert.True(s_whitespace.IsMatch(ch.ToString()) == char.IsWhiteSpace(ch), $"U+{c:X4}");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("plain")]
    [InlineData("one space only")]
    [InlineData("  leading and trailing  ")]
    [InlineData("tab\there\nnew  line\r\n\u00A0nbsp\u2003em\u3000ideographic\u0085nel")]
    [InlineData("\u200Bzero width is not whitespace\u200B")]
    [InlineData("end with one space ")]
    [InlineData(" \t\n ")]
    public void Matches_the_regex(string text)
    {
        AssertSame(text);
    }

    [Fact]
    public void Matches_the_regex_on_random_text()
    {
        var random = new Random(42);
        var alphabet = new[] { 'a', 'b', ' ', ' ', '\t', '\n', '\r', '\u00A0', '\u2003', '\u3000', '中', '.', '\u200B', '\u0085', '\u2028' };
        for (var n = 0; n < 2000; n++)
        {
            var builder = new StringBuilder();
            var length = random.Next(0, 30);
            for (var i = 0; i < length; i++)
            {
                builder.Append(alphabet[random.Next(alphabet.Length)]);
            }

            AssertSame(builder.ToString());
        }
    }

    private static void AssertSame(string text)
    {
        var expected = s_whitespace.Replace(text, " ");
        var appended = new StringBuilder("x");
        WhitespaceCollapser.AppendCollapsed(appended, text);
        Assert.Equal("x" + expected, appended.ToString());
        Assert.Equal(expected.Trim(), WhitespaceCollapser.CollapseAndTrim(text));
        Assert.Equal(expected.Trim().Length, WhitespaceCollapser.CollapsedTrimmedLength(text));
    }
}
