using AiGov.Text.Html;

namespace AiGov.Text.Tests.Html;

public class LinkDensePrunerTests
{
    private const string Body =
        "<p>The committee published its final report on the oversight of general-purpose models on Tuesday.</p>"
        + "<p>It asks for an independent office with the power to audit providers, and for yearly public reviews.</p>"
        + "<p>Industry groups said the timetable was too short; civil-society groups said it was overdue.</p>";

    [Fact]
    public void Related_links_tags_and_pagination_inside_the_article_are_removed()
    {
        var page = "<html><body><article><h1>Report on model oversight</h1>" + Body
            + "<div class=\"x1\"><a href=\"/a\">Another story about chips</a><br><a href=\"/b\">A second unrelated story</a></div>"
            + "<ul><li><a href=\"/t/ai\">AI</a></li><li><a href=\"/t/eu\">EU</a></li><li><a href=\"/t/law\">Law</a></li></ul>"
            + "<p><a href=\"/p/2\">1</a> <a href=\"/p/3\">2</a> <a href=\"/p/4\">Next</a></p>"
            + "</article></body></html>";

        var extracted = HtmlExtractor.ExtractDocument(page);

        Assert.Contains("final report on the oversight", extracted.Text);
        Assert.Contains("overdue", extracted.Text);
        Assert.DoesNotContain("Another story about chips", extracted.Text);
        Assert.DoesNotContain("Law", extracted.Text);
        Assert.DoesNotContain("Next", extracted.Text);
        Assert.Contains(extracted.Removed, removed => removed.Label == LinkDensePruner.Label && removed.Text.Contains("chips"));
    }

    [Fact]
    public void A_long_paragraph_that_cites_many_sources_stays()
    {
        const string cited = "<p>According to <a href=\"/1\">the commission</a>, <a href=\"/2\">the parliament</a> and "
            + "<a href=\"/3\">the council</a>, the <a href=\"/4\">act</a> will apply in stages over the next three years.</p>";
        var page = "<html><body><article><h1>Timeline</h1>" + Body + cited + "</article></body></html>";

        var extracted = HtmlExtractor.ExtractDocument(page);

        Assert.Contains("will apply in stages over the next three years", extracted.Text);
    }

    [Theory]
    [InlineData("<div><a href=\"/x\">Read more about the committee</a></div><p>after</p>", "div", true)]
    [InlineData("<div>Short note with <a href=\"/x\">a link</a> inside it.</div><p>after</p>", "div", false)]
    [InlineData("<p><a href=\"/x\"><img src=\"x.png\"></a> Photo</p><p>after</p>", "p", true)]
    [InlineData("<div><span>a</span><span>b</span><span>c <a href=\"/x\">more</a></span> and some words here</div>", "div", true)]
    [InlineData("<p><em>Read also: <a href=\"/x\">Parliament and council agree on the timetable for the new rules on models</a></em></p><p>after</p>", "p", true)]
    [InlineData("<p><strong>Lea también:</strong> <a href=\"/x\">El Senado aprueba la ley de inteligencia artificial tras dos años de debate</a></p><p>after</p>", "p", true)]
    [InlineData("<p>The council said: <a href=\"/x\">the timetable</a> is too short for the providers of models to adapt their systems.</p><p>after</p>", "p", false)]
    [InlineData("<p>According to the report published on Tuesday by the committee: <a href=\"/x\">the full text of the report on model oversight</a></p><p>after</p>", "p", false)]
    public void The_link_density_test_decides_by_the_share_of_link_text(string html, string tag, bool isLinkBlock)
    {
        var document = HtmlExtractor.Parser.ParseDocument("<html><body>" + html + "</body></html>");
        var element = document.Body!.QuerySelector(tag)!;

        Assert.Equal(isLinkBlock, LinkDensePruner.IsLinkBlock(element, backtracking: tag == "div"));
    }
}
