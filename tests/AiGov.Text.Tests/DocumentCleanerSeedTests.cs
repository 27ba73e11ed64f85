namespace AiGov.Text.Tests;

public class DocumentCleanerSeedTests
{
    private const string Seed000 = "000_846f9af81d9c32eb.txt";
    private const string Seed001 = "001_6264b6a8d8ff6ab0.txt";
    private const string Seed002 = "002_bac1509240e8e0f1.txt";
    private const string Seed003 = "003_388d06b1b0cf5f98.txt";
    private const string Seed004 = "004_9b09ea246e132ce6.txt";

    public static TheoryData<string> Seeds => new() { Seed000, Seed001, Seed002, Seed003, Seed004 };

    public static TheoryData<string, string> ForbiddenPerSeed()
    {
        string[] forbidden =
        [
            "Leave a Reply", "You Missed", "Related Posts", "By Admin", "IMPORTANT NOTICE", "Share this article",
            "By pressing the Subscribe", "Special statement", "Responsible editor", "ALSO READ", "Read more:",
            "Photo: CFP", "已关闭评论", "本文由", "转载请注明", "LayaBox", "剑灵",
            "Your email address will not be published", "Kryptonary", "Source:", "Edit:Yi Jing", "September 20, 2024",
            "GirlfriendGPT", "Neuralink", "2024-08-16", "百科",
        ];
        var data = new TheoryData<string, string>();
        foreach (var seed in new[] { Seed000, Seed001, Seed002, Seed003, Seed004 })
        {
            foreach (var phrase in forbidden)
            {
                data.Add(seed, phrase);
            }
        }

        return data;
    }

    public static TheoryData<string, string> KeptSentences => new()
    {
        { Seed000, "In a historic move, China’s proposal for global regulatory standards for artificial intelligence (AI) received unanimous support at the United Nations General Assembly." },
        { Seed000, "Fu Cong, China’s permanent representative to the UN, emphasized the importance of global collaboration in AI development." },
        { Seed000, "The success of China’s resolution will depend on the willingness of nations to collaborate and prioritize the greater good over individual interests." },
        { Seed001, "In recent years, the new generation of artificial intelligence has been riding the wind and flourishing" },
        { Seed001, "Putting people first is the fundamental concept. Man is the spirit of all things." },
        { Seed001, "advancing the construction of a community with a shared future for mankind." },
        { Seed002, "China has officially proposed a comprehensive global action plan to govern artificial intelligence" },
        { Seed002, "The nation now boasts over 5,000 AI companies, with its core AI industry valued at an impressive 600 billion yuan ($84 billion) as of April 2025." },
        { Seed002, "PsiBot’s mahjong-playing humanoid, all demonstrating the diverse and advanced applications of AI." },
        { Seed003, "China has proposed a global action plan to regulate artificial intelligence (AI), following the United States’ release of its own plan to promote US dominance in the sector." },
        { Seed003, "China has published more patents for generative AI inventions than all other countries combined since 2017" },
        { Seed003, "The event highlighted China’s growing AI capabilities and its ambitions to play a leading role in global governance of the sector." },
        { Seed004, "On Tuesday, China and the US held the first meeting of the intergovernmental dialogue on artificial intelligence (AI) in Geneva, Switzerland." },
        { Seed004, "However, hoping to suppress China while expecting China to \"dance to the tune\" of the US through dialogue is simply an unrealistic fantasy." },
        { Seed004, "We hope that the US will also show corresponding sincerity and refrain from engaging in hypocritical behavior such as blocking, restricting, and sanctioning while engaging in dialogue." },
    };

    [Theory]
    [MemberData(nameof(ForbiddenPerSeed))]
    public void Boilerplate_is_removed_from_seed(string seed, string phrase)
    {
        Assert.DoesNotContain(phrase, CleanSeed(seed).CleanText, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(KeptSentences))]
    public void Article_sentences_are_kept(string seed, string sentence)
    {
        Assert.Contains(sentence, CleanSeed(seed).CleanText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Seed000, "China’s Push for Global AI Standards Gains UN Support")]
    [InlineData(Seed001, "Strengthening international cooperation in artificial intelligence is at the right time")]
    [InlineData(Seed002, "China Proposes Global AI Governance, US Pushes for Dominance")]
    [InlineData(Seed004, "US needs to abandon hypocrisy in AI cooperation with China")]
    public void Seed_title_is_detected_and_kept_as_first_line(string seed, string title)
    {
        var document = CleanSeed(seed);
        Assert.Equal(title, document.Title);
        Assert.StartsWith(title + "\n", document.CleanText, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_without_title_line_has_no_title()
    {
        // Seed 003 starts directly with a long sentence ending in a period.
        Assert.Null(CleanSeed(Seed003).Title);
    }

    [Theory]
    [InlineData(Seed000, "The success of China’s resolution will depend on the willingness of nations to collaborate and prioritize the greater good over individual interests.")]
    [InlineData(Seed001, "advancing the construction of a community with a shared future for mankind.")]
    [InlineData(Seed002, "all demonstrating the diverse and advanced applications of AI.")]
    [InlineData(Seed003, "to play a leading role in global governance of the sector.")]
    [InlineData(Seed004, "while engaging in dialogue.")]
    public void Seed_clean_text_ends_with_the_last_article_sentence(string seed, string ending)
    {
        Assert.EndsWith(ending, CleanSeed(seed).CleanText, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Seed_metadata_is_plain_utf8_with_matching_hash(string seed)
    {
        var document = CleanSeed(seed);
        Assert.Equal(SourceFormat.PlainText, document.Format);
        Assert.Equal("utf-8", document.EncodingName);
        Assert.Equal(ContentFingerprint.Sha256Hex(document.CleanText), document.ContentSha256);
        Assert.Equal(TextNormalizer.Normalize(document.CleanText), document.CleanText);
    }

    [Fact]
    public void Two_write_ups_of_the_same_event_stay_different()
    {
        var a = CleanSeed(Seed002);
        var b = CleanSeed(Seed003);
        Assert.NotEqual(a.CleanText, b.CleanText);
        Assert.NotEqual(a.ContentSha256, b.ContentSha256);
    }

    [Fact]
    public void Seed_004_keeps_only_the_english_article()
    {
        var text = CleanSeed(Seed004).CleanText;
        Assert.DoesNotMatch(@"[\u4E00-\u9FFF]", text);
        Assert.Equal(10, text.Split("\n\n").Length);
    }

    [Fact]
    public void Seed_001_keeps_title_and_body_only()
    {
        var lines = CleanSeed(Seed001).CleanText.Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("In recent years,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_003_source_line_is_available_as_metadata()
    {
        var raw = File.ReadAllText(SeedPath(Seed003));
        Assert.Equal("https://edition.cnn.com/2025/07/28/tech/china-global-ai-cooperation-organization-waic-hnk-spc", BoilerplateRemover.FindSourceAttribution(raw));
    }

    internal static string SeedPath(string name) => Path.Combine(AppContext.BaseDirectory, "seeds", name);

    private static CleanedDocument CleanSeed(string name) => DocumentCleaner.Clean(File.ReadAllBytes(SeedPath(name)), name);
}
