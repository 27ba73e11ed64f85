using AiGov.Text.Html;
using AngleSharp.Dom;

namespace AiGov.Text.Tests.Html;

public class DomTextTests
{
    [Theory]
    [InlineData("<div> A  <b>bold</b>\n\tword <i> </i> <span>x</span> </div>")]
    [InlineData("<div><p>first</p><p>  second  paragraph </p><!-- a comment --> tail</div>")]
    [InlineData("<div>   </div>")]
    [InlineData("<div><a href=x> link  one </a> and <a href=y>two<a href=z> nested</a></a></div>")]
    [InlineData("<div>中文<span>文本</span>　全角空格</div>")]
    public void Lengths_match_the_collapsed_text_content(string html)
    {
        var element = Parse(html);

        Assert.Equal(WhitespaceCollapser.CollapsedTrimmedLength(element.TextContent), DomText.CollapsedLength(element));
        Assert.Equal(element.GetElementsByTagName("a").Sum(link => WhitespaceCollapser.CollapsedTrimmedLength(link.TextContent)),
            DomText.LinkLength(element));
    }

    [Fact]
    public void Word_bound_counts_each_text_node_edge_as_a_break()
    {
        var element = Parse("<div><p>one two</p><p>three</p>four<b>five</b> six</div>");

        // TextContent reads "one twothreefourfive six" (4 words); rendered with block breaks it has 5.
        Assert.Equal(6, DomText.WordCountBound(element));
        Assert.True(DomText.WordCountBound(element) >= WhitespaceCollapser.WordCount(element.TextContent));
    }

    [Fact]
    public void Distinct_length_counts_a_repeated_text_at_most_the_times_allowed()
    {
        var element = Parse("<div><p>Rate  this picture</p><p>Rate this picture</p><p>Rate this picture </p><p>Thanks</p></div>");

        Assert.Equal("Rate this picture Rate this picture Thanks".Length, DomText.DistinctLength(element, 2));
        Assert.Equal("Rate this picture Thanks".Length, DomText.DistinctLength(element, 1));
    }

    [Fact]
    public void Deep_nesting_does_not_overflow_the_stack()
    {
        var html = string.Concat(Enumerable.Repeat("<span>", 20_000)) + "deep text" + string.Concat(Enumerable.Repeat("</span>", 20_000));
        var element = Parse("<div>" + html + "</div>");

        Assert.Equal("deep text".Length, DomText.CollapsedLength(element));
        Assert.Equal(2, DomText.WordCountBound(element));
    }

    private static IElement Parse(string html) =>
        HtmlExtractor.Parser.ParseDocument("<html><body>" + html + "</body></html>").Body!.FirstElementChild!;
}
