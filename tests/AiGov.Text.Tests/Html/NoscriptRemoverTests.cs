using AiGov.Text.Html;

namespace AiGov.Text.Tests.Html;

public class NoscriptRemoverTests
{
    [Theory]
    [InlineData("<p>a</p>", "<p>a</p>")]
    [InlineData("<body><noscript><div id=\"no-js\"></noscript><p>a</p></body>", "<body><p>a</p></body>")]
    [InlineData("<NOSCRIPT><img src=x></NOSCRIPT><p>a</p><noscript>b</noscript ><p>c</p>", "<p>a</p><p>c</p>")]
    [InlineData("<p>a</p><noscript><p>never closed", "<p>a</p>")]
    public void Noscript_elements_are_removed_as_a_browser_with_scripting_reads_them(string html, string expected)
    {
        Assert.Equal(expected, NoscriptRemover.Remove(html));
    }
}
