namespace AiGov.Text.Tests;

public class HtmlMetadataReaderTests
{
    [Fact]
    public void The_first_non_empty_tag_of_each_kind_wins_in_document_order()
    {
        var metadata = Read(
            "<head><meta name=\"date\" content=\" \"><meta name=\"DC.date.issued\" content=\"2024-05-02\">"
            + "<meta property=\"article:published_time\" content=\"2024-06-01\">"
            + "<meta name=\"application-name\" content=\"Policy Desk\"><meta property=\"og:site_name\" content=\"Later Name\">"
            + "<meta property=\"og:url\" content=\"https://example.org/og\"><link rel=\"canonical\" href=\"https://example.org/canonical\">"
            + "<meta name=\"author\" content=\"https://example.org/people/1\"></head>"
            + "<body><time datetime=\"2020-01-01\">old</time><p class=\"post-author\">By Jane Roe</p></body>");

        Assert.Equal(new DateTimeOffset(2024, 5, 2, 0, 0, 0, TimeSpan.Zero), metadata.PublishedAt);
        Assert.Equal("Policy Desk", metadata.Source);
        Assert.Equal("https://example.org/canonical", metadata.SourceUrl);
        // An author tag holding an address is not a name: the byline is read instead ([class*=byline] does not match
        // "post-author", the class token "author" does not either).
        Assert.Null(metadata.Author);
    }

    [Theory]
    [InlineData("<span class=\"meta author\">By Jane Roe</span>")]
    [InlineData("<div class=\"article-byline-wrap\">Written by: Jane Roe</div>")]
    [InlineData("<a rel=\"author\" href=\"/jr\">Jane Roe</a>")]
    [InlineData("<span itemprop=\"author\">Jane Roe</span>")]
    [InlineData("<span class=\"author-name\">Jane Roe</span>")]
    public void A_byline_gives_the_author_when_no_tag_does(string byline)
    {
        var metadata = Read("<body><span class=\"byline\">12 May 2024</span>" + byline + "<p>Text.</p></body>");

        Assert.Equal("Jane Roe", metadata.Author);
    }

    [Fact]
    public void Time_element_and_og_url_are_the_fallbacks()
    {
        var metadata = Read("<head><meta property=\"og:url\" content=\"https://example.org/a\"></head>"
            + "<body><time>no attribute</time><time datetime=\"2023-03-04T05:06:07Z\">4 March</time></body>");

        Assert.Equal(new DateTimeOffset(2023, 3, 4, 5, 6, 7, TimeSpan.Zero), metadata.PublishedAt);
        Assert.Equal("https://example.org/a", metadata.SourceUrl);
        Assert.Equal("example.org", metadata.Source);
    }

    private static ArticleMetadata Read(string html) => HtmlMetadataReader.Read(AiGov.Text.Html.ElementWalk.All(HtmlExtractor.Parser.ParseDocument("<html>" + html + "</html>")));
}
