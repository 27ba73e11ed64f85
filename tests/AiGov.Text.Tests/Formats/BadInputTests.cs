using System.Diagnostics;
using System.Text;

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

    [Fact]
    public void Deeply_nested_html_does_not_overflow_the_stack()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 20_000)) + "Deep text of a hostile page that nests far too deeply." + string.Concat(Enumerable.Repeat("</div>", 20_000));
        var cleaned = DocumentCleaner.Clean(Encoding.UTF8.GetBytes(html), "deep.html");
        Assert.Contains("Deep text", cleaned.CleanText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html><body><p>Unclosed <b>tags <i>everywhere <article><p>Article text that is long enough to be the main content of this broken page.")]
    [InlineData("<<<>>><!-- unterminated comment <p>text")]
    [InlineData("<html><head><meta charset=\"no-such-charset\"></head><body>caf\u00e9</body></html>")]
    public void Malformed_html_is_cleaned_without_error(string html)
    {
        var cleaned = DocumentCleaner.Clean(Encoding.Latin1.GetBytes(html), "broken.html");
        Assert.NotNull(cleaned.CleanText);
    }
}
