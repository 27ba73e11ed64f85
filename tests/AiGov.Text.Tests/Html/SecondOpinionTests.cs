using AiGov.Text.Html;

namespace AiGov.Text.Tests.Html;

public class SecondOpinionTests
{
    private static readonly string s_article = string.Concat(Enumerable.Range(1, 6).Select(i =>
        $"<p>Paragraph {i} of the report: the regulator asked providers of general-purpose models to publish summaries of their training data, to test for systemic risks, and to report serious incidents within fifteen days.</p>"));

    [Fact]
    public void An_article_the_template_wraps_in_a_comments_area_is_found_by_the_second_opinion()
    {
        var page = "<html><body><nav><a href=/>Home</a> <a href=/news>News</a></nav>"
            + "<div class=\"comments-area\"><h1>Regulator sets out duties for model providers</h1>" + s_article + "</div>"
            + "<div class=\"teaser\"><p>More news from the week in short.</p></div></body></html>";

        var text = HtmlExtractor.Extract(page).Text;

        Assert.Contains("Paragraph 1 of the report", text, StringComparison.Ordinal);
        Assert.Contains("Paragraph 6 of the report", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Home", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_article_given_only_to_readers_without_scripts_is_found_by_the_second_opinion()
    {
        // Blogger's templates: the post as a script template that a script renders, and again in a noscript.
        var page = "<html><head><title>Security Blog</title><noscript><img src=/pixel.gif></noscript></head><body>"
            + "<header><a href=/>Security Blog</a></header><div class=\"post\"><h2>Regulator sets out duties for model providers</h2>"
            + "<div class=\"post-body\"><script type=\"text/template\">" + s_article + "</script><noscript>" + s_article + "</noscript></div></div>"
            + "<footer>Privacy · Terms</footer></body></html>";

        var text = HtmlExtractor.Extract(page).Text;

        Assert.Contains("Paragraph 1 of the report", text, StringComparison.Ordinal);
        Assert.Contains("Paragraph 6 of the report", text, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "Paragraph 1 of the report"));
        Assert.DoesNotContain("Security Blog", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_second_opinion_keeps_the_pages_title_and_metadata()
    {
        var page = "<html><head><title>Duties for model providers</title><meta name=\"author\" content=\"Jane Roe\"></head><body>"
            + "<aside class=\"main-column\">" + s_article + "</aside></body></html>";

        var cleaned = DocumentCleaner.Clean(System.Text.Encoding.UTF8.GetBytes(page), "page.html");

        Assert.Contains("Paragraph 3 of the report", cleaned.CleanText, StringComparison.Ordinal);
        Assert.Equal("Duties for model providers", cleaned.Title);
        Assert.Equal("Jane Roe", cleaned.Metadata.Author);
    }

    [Theory]
    [InlineData(1499, 99, 100, true)]
    [InlineData(1500, 10, 1000, false)]
    [InlineData(1000, 150, 800, false)]
    [InlineData(1000, 150, 901, true)]
    [InlineData(1000, 10, 1000, true)]
    public void It_is_asked_only_where_the_first_result_is_short_and_the_page_may_hold_more(int characters, int words, int pageWords, bool asked) =>
        Assert.Equal(asked, SecondOpinion.IsWorthAsking(characters, words, pageWords, 1_000));

    [Fact]
    public void A_page_of_too_many_elements_is_not_parsed_again() =>
        Assert.False(SecondOpinion.IsWorthAsking(10, 1, 1_000, SecondOpinion.MaxElements + 1));
}
