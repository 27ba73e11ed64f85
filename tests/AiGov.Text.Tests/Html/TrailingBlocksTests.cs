namespace AiGov.Text.Tests.Html;

public class TrailingBlocksTests
{
    private const string Paragraphs =
        "<p>The committee published its final report on the oversight of general-purpose models on Tuesday morning.</p>"
        + "<p>It asks for an independent office with the power to audit providers, and for yearly public reviews of it.</p>"
        + "<p>Industry groups said the timetable was too short; civil-society groups said it was long overdue.</p>";

    [Fact]
    public void Short_blocks_after_the_last_prose_go_to_the_audit()
    {
        var page = "<html><body><div class=\"x\"><h1>Report on model oversight</h1>" + Paragraphs
            + "<h3>About the author</h3><div>More topics</div><p>Back to the list</p></div></body></html>";

        var extracted = HtmlExtractor.ExtractDocument(page);

        Assert.EndsWith("long overdue.", extracted.Text);
        Assert.Contains(extracted.Removed, removed => removed.Label == "after-body" && removed.Text == "About the author");
        Assert.Contains(extracted.Removed, removed => removed.Label == "after-body" && removed.Text == "Back to the list");
    }

    [Fact]
    public void An_article_that_ends_with_a_list_keeps_it()
    {
        var page = "<html><body><div class=\"x\"><h1>Report on model oversight</h1>" + Paragraphs
            + "<p>The report recommends:</p><ul><li>an audit office</li><li>yearly reviews</li></ul></div></body></html>";

        var text = HtmlExtractor.Extract(page).Text;

        Assert.EndsWith("yearly reviews", text);
        Assert.Contains("The report recommends:", text);
    }
}
