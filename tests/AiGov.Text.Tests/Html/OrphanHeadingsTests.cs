using AiGov.Text.Html;

namespace AiGov.Text.Tests.Html;

public class OrphanHeadingsTests
{
    private const string Paragraph =
        "<p>The committee published its final report on the oversight of general-purpose models on Tuesday morning.</p>";

    private static (string Text, List<RemovedText> Removed) DropIn(string body)
    {
        var root = HtmlExtractor.Parser.ParseDocument("<html><body><div id=root>" + body + "</div></body></html>").GetElementById("root")!;
        var removed = new List<RemovedText>();
        OrphanHeadings.Drop(root, removed);
        return (WhitespaceCollapser.CollapseAndTrim(root.TextContent), removed);
    }

    [Fact]
    public void A_heading_with_nothing_after_it_goes_to_the_audit()
    {
        var (text, removed) = DropIn("<h2>Oversight</h2>" + Paragraph + "<h3>Read more</h3><div></div>");

        Assert.DoesNotContain("Read more", text, StringComparison.Ordinal);
        Assert.Contains("Oversight", text, StringComparison.Ordinal);
        Assert.Equal([new RemovedText(OrphanHeadings.Label, "Read more")], removed);
    }

    [Fact]
    public void A_heading_followed_at_once_by_another_heading_heads_nothing()
    {
        var (text, _) = DropIn(Paragraph + "<h2>More from the region</h2><section><h3><a href=/a>Council votes on budget</a></h3><p>The council met.</p></section>");

        Assert.DoesNotContain("More from the region", text, StringComparison.Ordinal);
        Assert.Contains("Council votes on budget", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_nested_anywhere_after_the_heading_counts()
    {
        var (text, removed) = DropIn("<h2>Timeline</h2><div><div><span>2019: the first draft.</span></div></div>");

        Assert.Contains("Timeline", text, StringComparison.Ordinal);
        Assert.Empty(removed);
    }

    [Fact]
    public void A_long_heading_is_a_standfirst_and_stays()
    {
        const string standfirst = "The committee wants an independent office that audits the providers of general-purpose models every year";
        var (text, removed) = DropIn(Paragraph + "<h2>" + standfirst + "</h2>");

        Assert.Contains(standfirst, text, StringComparison.Ordinal);
        Assert.Empty(removed);
    }
}
