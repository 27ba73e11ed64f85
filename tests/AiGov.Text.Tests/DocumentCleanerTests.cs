using System.Text;

namespace AiGov.Text.Tests;

public class DocumentCleanerTests
{
    [Theory]
    [InlineData("a.txt")]
    [InlineData("a.html")]
    [InlineData("a.md")]
    public void Clean_StopsWithCancellation_WhenItsTimeLimitHasPassed(string fileName)
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            DocumentCleaner.Clean(Encoding.UTF8.GetBytes("<p>Policy text about audits.</p>"), fileName, cancelled.Token));
    }

    [Fact]
    public void Html_extraction_stops_when_the_time_limit_passes_while_it_works()
    {
        // ~8 s of density scoring without a limit (1,000 nested levels of link blocks); the parse takes ~0.3 s, so a
        // token cancelled at 0.5 s finds the extraction inside its own loops, which must see it.
        var page = new StringBuilder("<html><body>");
        for (var level = 0; level < 1_000; level++)
        {
            page.Append("<div>").Append(string.Concat(Enumerable.Range(0, 30).Select(i => $"<div><a href=\"/x{i}\">link {i}</a> and words</div>")))
                .Append("<p>Paragraph at level ").Append(level).Append(", with some words, commas, and more text.</p>");
        }
        page.Append(string.Concat(Enumerable.Repeat("</div>", 1_000))).Append("</body></html>");
        using var limit = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        Assert.ThrowsAny<OperationCanceledException>(() => DocumentCleaner.Clean(Encoding.UTF8.GetBytes(page.ToString()), "deep.html", limit.Token));
    }

    private const string Article =
        "AI rules tighten worldwide\n\nGovernments are drafting rules for artificial intelligence.\nThe pace is accelerating.\n\nChina and the EU lead.";

    static DocumentCleanerTests()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    [Fact]
    public void Plain_text_is_cleaned_with_title_in_text()
    {
        var document = DocumentCleaner.Clean(Encoding.UTF8.GetBytes(Article), "a.txt");
        Assert.Equal("AI rules tighten worldwide", document.Title);
        Assert.Equal(Article, document.CleanText);
        Assert.Equal(SourceFormat.PlainText, document.Format);
        Assert.Equal("utf-8", document.EncodingName);
        Assert.Equal(ContentFingerprint.Sha256Hex(Article), document.ContentSha256);
    }

    [Fact]
    public void Whitespace_and_encoding_variants_share_the_content_hash()
    {
        var reference = DocumentCleaner.Clean(Encoding.UTF8.GetBytes(Article), "a.txt").ContentSha256;
        var variants = new Dictionary<string, byte[]>
        {
            ["crlf"] = Encoding.UTF8.GetBytes(Article.Replace("\n", "\r\n")),
            ["spaces"] = Encoding.UTF8.GetBytes("  " + Article.Replace(" ", "   ").Replace("\n\n", "\n \n\n\t\n") + "\n\n\n"),
            ["nbsp"] = Encoding.UTF8.GetBytes(Article.Replace(" ", "\u00A0")),
            ["zero-width"] = Encoding.UTF8.GetBytes(Article.Replace("rules", "ru\u200Bles").Replace("China", "\uFEFFChi\u200Dna")),
            ["utf8-bom"] = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Article)],
            ["utf16-bom"] = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Article)],
        };

        foreach (var (name, bytes) in variants)
        {
            Assert.True(reference == DocumentCleaner.Clean(bytes, "a.txt").ContentSha256, name);
        }
    }

    [Fact]
    public void Changed_wording_changes_the_hash()
    {
        var a = DocumentCleaner.Clean(Encoding.UTF8.GetBytes(Article), "a.txt").ContentSha256;
        var b = DocumentCleaner.Clean(Encoding.UTF8.GetBytes(Article.Replace("lead", "follow")), "a.txt").ContentSha256;
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Gb18030_plain_text_is_decoded()
    {
        const string chinese = "全球人工智能治理\n\n中国提出全球人工智能治理行动计划，呼吁加强国际合作。";
        var document = DocumentCleaner.Clean(Encoding.GetEncoding("GB18030").GetBytes(chinese), "cn.txt");
        Assert.Equal(chinese, document.CleanText);
        Assert.Equal("全球人工智能治理", document.Title);
        Assert.Equal("gb18030", document.EncodingName);
    }

    [Fact]
    public void Html_is_extracted_with_separate_title()
    {
        const string html = "<html><head><meta charset=\"gbk\"><title>人工智能新闻</title></head><body><nav>首页 新闻</nav>"
            + "<article><p>中国提出全球人工智能治理行动计划，呼吁加强国际合作，推动形成具有广泛共识的治理框架和标准规范。各国应共同应对风险。</p></article>"
            + "<footer>版权所有</footer></body></html>";
        var document = DocumentCleaner.Clean(Encoding.GetEncoding("GB18030").GetBytes(html), "page.html");
        Assert.Equal("人工智能新闻", document.Title);
        Assert.Equal("中国提出全球人工智能治理行动计划，呼吁加强国际合作，推动形成具有广泛共识的治理框架和标准规范。各国应共同应对风险。", document.CleanText);
        Assert.Equal(SourceFormat.Html, document.Format);
        Assert.Equal("gb18030", document.EncodingName);
    }

    [Fact]
    public void Extensionless_html_is_sniffed()
    {
        const string html = "<!doctype html><html><head><title>T</title></head><body><article><p>Body text of the article that is long enough to be chosen as the main content.</p></article></body></html>";
        var document = DocumentCleaner.Clean(Encoding.UTF8.GetBytes(html), "download");
        Assert.Equal(SourceFormat.Html, document.Format);
        Assert.Equal("T", document.Title);
        Assert.Equal("Body text of the article that is long enough to be chosen as the main content.", document.CleanText);
    }

    [Fact]
    public void Markdown_is_stripped_and_first_heading_is_the_title()
    {
        const string markdown = "# The **EU** AI Act\n\nThe [AI Act](https://example.org) entered into force.\n\n- Bans\n- Fines\n\nRead more: Another story";
        var document = DocumentCleaner.Clean(Encoding.UTF8.GetBytes(markdown), "post.md");
        Assert.Equal("The EU AI Act", document.Title);
        Assert.Equal("The EU AI Act\n\nThe AI Act entered into force.\n\nBans\nFines", document.CleanText);
        Assert.Equal(SourceFormat.Markdown, document.Format);
    }

    [Theory]
    [InlineData("The first line is a sentence.\n\nMore.", null)]
    [InlineData("Comparing U.S. and Chinese AI Resolutions\n\nText.", "Comparing U.S. and Chinese AI Resolutions")]
    [InlineData("What is FastGPT and How Does It Work?\n\nText.", "What is FastGPT and How Does It Work?")]
    [InlineData("2024-08-16\n\nText.", null)]
    [InlineData("https://example.org/page\n\nText.", null)]
    public void Plain_text_title_rules(string text, string? expected)
    {
        Assert.Equal(expected, DocumentCleaner.Clean(Encoding.UTF8.GetBytes(text), "x.txt").Title);
    }

    [Fact]
    public void Plain_text_title_longer_than_200_chars_is_rejected()
    {
        var text = new string('a', 201) + "\n\nBody.";
        Assert.Null(DocumentCleaner.Clean(Encoding.UTF8.GetBytes(text), "x.txt").Title);
    }
}
