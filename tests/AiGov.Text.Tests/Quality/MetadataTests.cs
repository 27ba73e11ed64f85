namespace AiGov.Text.Tests.Quality;

public class MetadataTests
{
    [Fact]
    public void Seed_001_has_date_and_agency()
    {
        var metadata = Clean("seeds", "001_6264b6a8d8ff6ab0.txt");
        Assert.Equal(new DateTimeOffset(2024, 8, 16, 0, 0, 0, TimeSpan.Zero), metadata.Metadata.PublishedAt);
        Assert.Equal("XinhuaNet", metadata.Metadata.Source);
    }

    [Fact]
    public void Seed_003_has_source_url_and_site()
    {
        var metadata = Clean("seeds", "003_388d06b1b0cf5f98.txt").Metadata;
        Assert.Equal("https://edition.cnn.com/2025/07/28/tech/china-global-ai-cooperation-organization-waic-hnk-spc", metadata.SourceUrl);
        Assert.Equal("edition.cnn.com", metadata.Source);
    }

    [Fact]
    public void Seed_004_has_the_footer_publication_time_and_an_audit()
    {
        var cleaned = Clean("seeds", "004_9b09ea246e132ce6.txt");
        Assert.Equal(new DateTimeOffset(2024, 10, 23, 4, 46, 24, TimeSpan.Zero), cleaned.Metadata.PublishedAt);
        Assert.Contains(cleaned.Removed, block => block.Label == "debris" && block.Text.StartsWith("百科", StringComparison.Ordinal));
        Assert.Contains(cleaned.Removed, block => block.Label == "credit" && block.Text.Contains("Photo: CFP", StringComparison.Ordinal));
        Assert.Contains(cleaned.Removed, block => block.Label == "footer" && block.Text.Contains("LayaBox", StringComparison.Ordinal));
    }

    [Fact]
    public void Html_page_metadata_comes_from_meta_tags_and_json_ld()
    {
        var cleaned = Clean("Pages", "en_news_wordpress.html");
        Assert.Equal("Marta Kowalski", cleaned.Metadata.Author);
        Assert.Equal("Policy Watch Daily", cleaned.Metadata.Source);
        Assert.Equal("https://policywatch.example.com/2024/09/05/council-of-europe-ai-treaty/", cleaned.Metadata.SourceUrl);
        Assert.Equal(new DateTimeOffset(2024, 9, 5, 9, 12, 0, TimeSpan.Zero), cleaned.Metadata.PublishedAt);
        Assert.Contains(cleaned.Removed, block => block.Label == "comments");
        Assert.Contains(cleaned.Removed, block => block.Label == "cookie");
    }

    [Fact]
    public void Chinese_gb2312_page_is_decoded_with_its_metadata()
    {
        var cleaned = Clean("Pages", "zh_news_portal.html");
        Assert.Equal("gb18030", cleaned.EncodingName);
        Assert.StartsWith("我国发布生成式人工智能服务安全基本要求", cleaned.CleanText, StringComparison.Ordinal);
        Assert.Equal("人民网", cleaned.Metadata.Source);
        Assert.Equal(new DateTimeOffset(2024, 3, 4, 16, 20, 35, TimeSpan.Zero), cleaned.Metadata.PublishedAt);
    }

    [Fact]
    public void Chinese_plain_text_info_line_gives_date_source_and_author()
    {
        var metadata = Clean("Pages", "zh_scraped.txt").Metadata;
        Assert.Equal(new DateTimeOffset(2024, 10, 18, 9, 35, 12, TimeSpan.Zero), metadata.PublishedAt);
        Assert.Equal("新华网", metadata.Source);
        Assert.Equal("张伟", metadata.Author);
    }

    private static CleanedDocument Clean(string folder, string name) =>
        DocumentCleaner.Clean(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, folder, name)), name);
}
