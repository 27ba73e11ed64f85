using AiGov.Text.Html;

namespace AiGov.Text.Tests.Html;

public class UnreadElementsTests
{
    [Theory]
    [InlineData("<p>a</p>", "<p>a</p>")]
    [InlineData("<body><noscript><div id=\"no-js\"></noscript><p>a</p></body>", "<body><p>a</p></body>")]
    [InlineData("<NOSCRIPT><img src=x></NOSCRIPT><p>a</p><noscript>b</noscript ><p>c</p>", "<p>a</p><p>c</p>")]
    [InlineData("<p>a</p><noscript><p>never closed", "<p>a</p>")]
    public void Noscript_elements_are_removed_as_a_browser_with_scripting_reads_them(string html, string expected)
    {
        Assert.Equal(expected, UnreadElements.Remove(html));
    }

    [Fact]
    public void For_the_second_opinion_a_noscript_holding_a_post_is_unwrapped_and_its_content_read_as_markup()
    {
        var post = "<p>" + new string('a', UnreadElements.MinUnwrappedNoscriptText) + "</p>";
        var html = "<div><script type='text/template'>" + post + "</script><noscript>" + post + "<style>p{}</style></noscript></div>";

        Assert.Equal("<div>" + post + "</noscript></div>", UnreadElements.Remove(html, unwrapsNoscripts: true));
        Assert.Equal("<div></div>", UnreadElements.Remove(html));
    }

    [Fact]
    public void A_notice_to_enable_scripts_is_removed_even_for_the_second_opinion()
    {
        const string html = "<body><noscript><p>Please enable JavaScript to read this site.</p></noscript><div id=app></div></body>";

        Assert.Equal("<body><div id=app></div></body>", UnreadElements.Remove(html, unwrapsNoscripts: true));
    }

    [Theory]
    [InlineData("<p>a</p><script>if (a < b) { x = '</p>'; }</script><p>b</p>", "<p>a</p><p>b</p>")]
    [InlineData("<style type=\"text/css\">p > a { color: red }</style><p>a</p>", "<p>a</p>")]
    [InlineData("<SCRIPT src=\"x.js\"></SCRIPT ><p>a</p><script/>x</script>", "<p>a</p>")]
    [InlineData("<p>a</p><script>var s = '</scripts>'; // never closed", "<p>a</p>")]
    [InlineData("<p>a</p><script></scriptx></script>b", "<p>a</p>b")]
    public void Scripts_and_styles_are_removed_with_their_raw_text(string html, string expected)
    {
        Assert.Equal(expected, UnreadElements.Remove(html));
    }

    [Theory]
    [InlineData("<a href=/><svg viewBox=\"0 0 24 24\"><path d=\"M0 0h24v24H0z\"/><title>Home</title></svg>Home</a>", "<a href=/>Home</a>")]
    [InlineData("<p>a</p><SVG><g><svg><circle r=\"2\"/></svg></g><!-- </svg> --></SVG><p>b</p>", "<p>a</p><p>b</p>")]
    [InlineData("<p>a</p><svg class=icon /><p>b</p>", "<p>a</p><p>b</p>")]
    public void Svg_drawings_are_removed_whole(string html, string expected)
    {
        Assert.Equal(expected, UnreadElements.Remove(html));
    }

    [Theory]
    [InlineData("<svg><foreignObject><div>Caption of the chart</div></foreignObject></svg><p>a</p>")]
    [InlineData("<svg><path d=\"M0 0\"/><p>HTML leaves the drawing: the parser puts this outside it</p></svg>")]
    [InlineData("<svg><path d=\"M0 0\"/><text>never closed, the rest of the page")]
    public void An_svg_that_holds_html_or_is_never_closed_is_left_to_the_parser(string html)
    {
        Assert.Same(html, UnreadElements.Remove(html));
    }

    [Fact]
    public void A_script_written_inside_an_escaped_script_does_not_end_it()
    {
        const string html = "<p>a</p><script><!-- document.write(\"<script src=x></script>\"); --></script><p>b</p>";

        Assert.Equal("<p>a</p><p>b</p>", UnreadElements.Remove(html));
    }

    [Fact]
    public void An_escape_that_closes_at_once_leaves_the_script_ended_by_its_end_tag()
    {
        Assert.Equal("<p>a</p><p>b</p>", UnreadElements.Remove("<p>a</p><script><!--></script><p>b</p>"));
    }

    [Theory]
    [InlineData("<script type=\"application/ld+json\">{\"headline\": \"</p>\"}</script><p>a</p>")]
    [InlineData("<title>Why <script> tags block rendering</title><p>a</p>")]
    [InlineData("<textarea><style>kept</style></textarea><p>a</p>")]
    [InlineData("<!-- <script>commented out</script> --><p>a</p>")]
    [InlineData("<div title=\"a > b <script>\"><p>a</p></div>")]
    [InlineData("<p>no tags, only text and a stray < sign</p>")]
    public void What_is_read_stays_as_written(string html)
    {
        Assert.Same(html, UnreadElements.Remove(html));
    }
}
