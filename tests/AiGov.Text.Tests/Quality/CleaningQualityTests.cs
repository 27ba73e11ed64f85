using Xunit.Abstractions;

namespace AiGov.Text.Tests.Quality;

/// <summary>
/// Token F1 of the clean text against hand-written gold bodies (headline to the last sentence of the article, no
/// credits): the five seeds, and pages written for this test that the cleaner was not tuned on first (English and
/// Chinese news sites, a government guidance page, scraped plain text).
/// </summary>
public class CleaningQualityTests(ITestOutputHelper output)
{
    private const double QualityBar = 0.98;

    public static TheoryData<string> Seeds => new()
    {
        "000_846f9af81d9c32eb.txt", "001_6264b6a8d8ff6ab0.txt", "002_bac1509240e8e0f1.txt", "003_388d06b1b0cf5f98.txt", "004_9b09ea246e132ce6.txt",
    };

    public static TheoryData<string> Pages => new()
    {
        "en_news_wordpress.html", "en_policy_gov.html", "zh_news_portal.html", "en_scraped.txt", "zh_scraped.txt",
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Seed_clean_text_reaches_the_quality_bar(string seed)
    {
        var cleaned = DocumentCleaner.Clean(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "seeds", seed)), seed);
        AssertQuality(seed, cleaned.CleanText);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Unseen_page_clean_text_reaches_the_quality_bar(string page)
    {
        var cleaned = DocumentCleaner.Clean(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Pages", page)), page);
        AssertQuality(page, cleaned.CleanText);
    }

    [Fact]
    public void TokenF1_counts_cjk_characters_and_words()
    {
        Assert.Equal(1.0, TokenF1.Score("AI 治理", "ai, 治理!"));
        Assert.Equal(0.5, TokenF1.Score("a b", "a c"), 3);
        Assert.Equal(0.0, TokenF1.Score("", "a"));
    }

    private void AssertQuality(string name, string cleanText)
    {
        var goldName = Path.ChangeExtension(name, ".txt");
        var gold = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Gold", goldName));
        var f1 = TokenF1.Score(cleanText, gold);
        output.WriteLine($"{name}: F1 = {f1:F4}");
        Assert.True(f1 >= QualityBar, $"{name}: token F1 {f1:F4} < {QualityBar}.\n--- clean text ---\n{cleanText}");
    }
}
