using System.Diagnostics;
using System.Text;
using AiGov.Text.Html;

namespace AiGov.Text.Tests.Formats;

public class BadInputTests
{
    // The plain-text path is held to the watcher's 10 MiB limit; Markdown and HTML run the same rules after their own
    // parsers, which are linear too, and are checked on 2 MiB to keep the suite fast.
    [Theory]
    [InlineData("a.txt", 10)]
    [InlineData("a.md", 2)]
    [InlineData("a.html", 2)]
    public void Single_line_text_of_mebibytes_cleans_in_bounded_time(string name, int mebibytes)
    {
        var line = new StringBuilder(mebibytes * 1024 * 1024);
        while (line.Length < (mebibytes * 1024 * 1024) - 64)
        {
            line.Append("by ** source: _x_ [a](b) 2024-01-01 <b>Share</b> 人工智能 ");
        }

        var stopwatch = Stopwatch.StartNew();
        var cleaned = DocumentCleaner.Clean(Encoding.UTF8.GetBytes(line.ToString()), name);

        Assert.NotEmpty(cleaned.CleanText);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"took {stopwatch.Elapsed}");
    }

    // Unclosed Markdown openers on one line: each opener's pattern used to scan to the end of the line, so the time grew
    // with the square of its length ("**a " 40,000 times took 50 s, past any stage time limit).
    [Theory]
    [InlineData("**a ", 40_000)]
    [InlineData("*a ", 50_000)]
    [InlineData("_a ", 50_000)]
    [InlineData("~~a ", 40_000)]
    [InlineData("[a ", 50_000)]
    [InlineData("![a](", 40_000)]
    [InlineData("<!-- a ", 30_000)]
    [InlineData("`` a ` ", 30_000)]
    [InlineData("<http:a", 30_000)]
    public void A_markdown_line_of_unclosed_openers_cleans_in_bounded_time(string opener, int times)
    {
        var markdown = "# Hostile notes\n\n" + string.Concat(Enumerable.Repeat(opener, times)) + "end of the line.\n";

        AssertCleanedInBoundedTime(markdown, "hostile.md", "end of the line.");
    }

    [Fact]
    public void A_heading_of_closing_hashes_is_read_in_bounded_time()
    {
        var markdown = "# Notes " + new string('#', 200_000) + " x\n\nA paragraph of the notes that says what they are about.\n";

        AssertCleanedInBoundedTime(markdown, "hashes.md", "A paragraph of the notes");
    }

    /// <summary>A guard against a hang (time growing with the square of a line), not a speed measurement: the inputs
    /// clean in well under a second.</summary>
    private static void AssertCleanedInBoundedTime(string content, string fileName, string expected)
    {
        var stopwatch = Stopwatch.StartNew();
        var cleaned = DocumentCleaner.Clean(Encoding.UTF8.GetBytes(content), fileName);

        Assert.Contains(expected, cleaned.CleanText, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Deeply_nested_html_does_not_overflow_the_stack()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 20_000)) + "Deep text of a hostile page that nests far too deeply." + string.Concat(Enumerable.Repeat("</div>", 20_000));
        var cleaned = DocumentCleaner.Clean(Encoding.UTF8.GetBytes(html), "deep.html");
        Assert.Contains("Deep text", cleaned.CleanText, StringComparison.Ordinal);
    }

    [Fact]
    public void Elements_nested_deeper_than_any_real_page_are_flattened_so_the_parse_stays_fast()
    {
        // Issue #14 point 4: 200,000 nested <div>s took AngleSharp minutes to parse (its time grows with the square of
        // the depth), and the parse cannot be cancelled.
        const int depth = 200_000;
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", depth)) + "<p>Deep text of a hostile page.</p>"
            + string.Concat(Enumerable.Repeat("</div>", depth)) + "</body></html>";

        var flattened = HtmlNesting.Flatten(html, HtmlNesting.MaximumDepth);

        // <html> and <body> are two of the levels kept.
        Assert.Equal(2 * (HtmlNesting.MaximumDepth - 2), flattened.Split("div>").Length - 1);
        Assert.Contains("<p>Deep text of a hostile page.</p>", flattened, StringComparison.Ordinal);
        Assert.Contains("Deep text", DocumentCleaner.Clean(Encoding.UTF8.GetBytes(html), "deep.html").CleanText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_within_the_nesting_limit_is_parsed_as_it_is()
    {
        const string html = "<html><body><div><div><p>One<p>Two<br><img src=x><!-- <div> --><script>if (a<b) {}</script></div></div></body></html>";

        Assert.Same(html, HtmlNesting.Flatten(html, 4));
        Assert.Equal("<html><body><div><p>One<p>Two<br><img src=x><!-- <div> --><script>if (a<b) {}</script></div></body></html>", HtmlNesting.Flatten(html, 3));
    }

    [Fact]
    public void A_page_of_more_elements_than_the_second_opinion_accepts_is_still_cleaned_by_the_first()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<span></span>", SecondOpinion.MaxElements + 1000))
            + "<p>A short note of a hostile page.</p></body></html>";
        var cleaned = DocumentCleaner.Clean(Encoding.UTF8.GetBytes(html), "many.html");
        Assert.Contains("A short note of a hostile page.", cleaned.CleanText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html><body><p>Unclosed <b>tags <i>everywhere <article><p>Article text that is long enough to be the main content of this broken page.")]
    [InlineData("<html><head><meta charset=\"no-such-charset\"></head><body>caf\u00e9</body></html>")]
    public void Malformed_html_is_cleaned_without_error(string html)
    {
        var cleaned = DocumentCleaner.Clean(Encoding.Latin1.GetBytes(html), "broken.html");
        Assert.NotNull(cleaned.CleanText);
    }

    // Issue #14: a page with nothing readable is a failed document with a reason, not a stored empty text that
    // every later empty page would duplicate.
    [Theory]
    [InlineData("<<<>>><!-- unterminated comment <p>text", "broken.html")]
    [InlineData("<html><head><title>App</title><script>document.write('<p>'+window.articleBody+'</p>')</script></head><body><div id=\"root\"></div></body></html>", "spa.html")]
    [InlineData("<html><body><nav><a href=\"/\">Home</a></nav></body></html>", "menu-only.html")]
    [InlineData("<html><body><noscript>Please enable JavaScript.</noscript><script src=\"/bundle.js\"></script></body></html>", "js-notice.html")]
    [InlineData("2024 2025 -- 10 485 760 ... 3.14159", "numbers.txt")]
    [InlineData("```\n```\n```", "ticks.md")]
    public void A_document_with_no_readable_text_is_unreadable_with_the_reason_no_text(string content, string fileName)
    {
        var exception = Assert.Throws<UnreadableDocumentException>(() => DocumentCleaner.Clean(Encoding.UTF8.GetBytes(content), fileName));

        Assert.Equal(UnreadableReasons.NoText, exception.Reason);
        Assert.StartsWith("no_text: ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_of_one_short_word_is_still_cleaned()
    {
        Assert.Equal("Hallo", DocumentCleaner.Clean(Encoding.UTF8.GetBytes("Hallo"), "note.txt").CleanText);
    }
}
