using AiGov.Text.Html;

namespace AiGov.Text.Tests.Html;

public class BodyContainerTests
{
    private const string Paragraphs =
        "<p>The committee published its final report on the oversight of general-purpose models on Tuesday morning.</p>"
        + "<p>It asks for an independent office with the power to audit providers, and for yearly public reviews of it.</p>"
        + "<p>Industry groups said the timetable was too short; civil-society groups said it was long overdue.</p>";

    [Fact]
    public void The_named_body_inside_the_article_wins_and_keeps_the_standfirst_before_it()
    {
        var page = "<html><body><article><h1>Report on model oversight</h1>"
            + "<p class=\"standfirst\">A parliamentary committee wants an independent office to audit the largest AI models.</p>"
            + "<div class=\"author-card\"><p>Written by a staff reporter who covers technology policy in Brussels and beyond.</p></div>"
            + "<div class=\"td-post-content entry-content\">" + Paragraphs + "</div>"
            + "<div class=\"box\"><p>Our weekly briefing brings you the most important stories of the week, every Friday.</p></div>"
            + "</article></body></html>";

        var text = HtmlExtractor.Extract(page).Text;

        Assert.StartsWith("Report on model oversight", text);
        Assert.Contains("wants an independent office", text);
        Assert.Contains("long overdue", text);
        Assert.DoesNotContain("weekly briefing", text);
        Assert.True(text.IndexOf("wants an independent office", StringComparison.Ordinal) < text.IndexOf("final report", StringComparison.Ordinal));
    }

    [Fact]
    public void A_named_element_with_little_text_is_not_the_body()
    {
        var page = "<html><body><div class=\"main\"><h1>Report</h1>" + Paragraphs + "<div class=\"entry-content\"><p>Share</p></div></div></body></html>";

        var text = HtmlExtractor.Extract(page).Text;

        Assert.Contains("final report", text);
        Assert.Contains("long overdue", text);
    }

    [Fact]
    public void Earlier_tiers_win_over_later_ones_and_exact_names_match_only_whole()
    {
        var names = BodyContainer.Parse("[tier 1]\nentry-content\n[tier 2]\n=content\n", "test");
        var document = HtmlExtractor.Parser.ParseDocument(
            "<html><body><div class=\"content\">" + Paragraphs + Paragraphs + "</div>"
            + "<div class=\"contents\">" + Paragraphs + Paragraphs + Paragraphs + "</div>"
            + "<section class=\"x entry-content\">" + Paragraphs + "</section></body></html>");

        var found = names.Find(document.Body!, 200, element => element.TextContent.Length);

        Assert.Equal("section", found?.LocalName);
        var secondTier = BodyContainer.Parse("[tier 1]\n=content\n", "test").Find(document.Body!, 200, element => element.TextContent.Length);
        Assert.Equal("content", secondTier?.ClassName);
    }

    [Fact]
    public void A_body_chosen_below_its_headline_keeps_the_standfirst_between_them()
    {
        var page = "<html><body><div class=\"top\"><div class=\"col\"><h1>Report on model oversight</h1>"
            + "<p class=\"intro\">Parliament wants an office that audits the largest models.</p>"
            + "<span>12.03.2026</span></div></div>"
            + "<div class=\"x\"><div class=\"y\">" + Paragraphs + Paragraphs + "</div></div></body></html>";

        var text = HtmlExtractor.Extract(page).Text;

        Assert.StartsWith("Report on model oversight\n\nParliament wants an office that audits the largest models.\n\nThe committee", text);
        Assert.DoesNotContain("12.03.2026", text);
    }

    [Theory]
    [InlineData("post-text\n", "before the first [tier N]")]
    [InlineData("[body]\npost-text\n", "[tier N]")]
    [InlineData("[tier 1]\npost text\n", "one name a line")]
    public void Malformed_lines_are_refused_with_their_line(string content, string expected)
    {
        var error = Assert.Throws<FormatException>(() => BodyContainer.Parse(content, "body-names.txt"));
        Assert.Contains(expected, error.Message);
        Assert.StartsWith("body-names.txt:", error.Message);
    }

    [Fact]
    public void The_embedded_list_reads()
    {
        Assert.Equal(3, BodyContainer.Embedded.TierCount);
    }
}
