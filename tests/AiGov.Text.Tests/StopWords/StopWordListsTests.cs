using AiGov.Text.StopWords;

namespace AiGov.Text.Tests.StopWords;

public class StopWordListsTests
{
    private static readonly StopWordLists s_lists = StopWordLists.Embedded;

    [Fact]
    public void An_english_sentence_counts_its_words_and_stop_words()
    {
        // The, has, the, on: 4 of 11 words.
        var profile = s_lists.Measure("The European Union has adopted the first law on artificial intelligence.");

        Assert.Equal(11, profile.Words);
        Assert.Equal(new StopWordDensity("en", 11, 4), profile.For("en"));
        Assert.Equal(4.0 / 11, profile.For("en").Density, 10);
        Assert.Equal("en", profile.Densest?.Language);
    }

    [Fact]
    public void An_elided_french_word_counts_by_the_part_before_its_apostrophe()
    {
        // L'Union (l), a, l'IA (l): 3 of 6 words; in English only "a".
        var profile = s_lists.Measure("L’Union européenne a adopté l'IA Act");

        Assert.Equal(new StopWordDensity("fr", 6, 3), profile.For("fr"));
        Assert.Equal(1, profile.For("en").StopWords);
        Assert.Equal("fr", profile.Densest?.Language);
    }

    [Fact]
    public void Chinese_counts_per_han_character()
    {
        // 我, 们, 的 of 我们的人工智能: 3 of 7 characters (智能's 能 is content here, so it is not listed); the
        // Latin word is a word of its own.
        var profile = s_lists.Measure("我们的人工智能 AI");

        Assert.Equal(7, profile.HanCharacters);
        Assert.Equal(1, profile.Words);
        Assert.Equal(new StopWordDensity("zh", 7, 3), profile.For("zh"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    [InlineData("2024-10-23 04:46:24 — 100 % !!!")]
    [InlineData("Artificial Intelligence")]
    public void A_text_without_stop_words_has_no_densest_language(string text)
    {
        var profile = s_lists.Measure(text);

        Assert.Null(profile.Densest);
        Assert.Equal(0, profile.For("en").Density);
    }

    [Fact]
    public void A_language_without_a_list_has_zero_counts() =>
        Assert.Equal(new StopWordDensity("xx", 0, 0), s_lists.Measure("the law").For("xx"));

    [Fact]
    public void The_embedded_lists_cover_english_chinese_and_other_european_languages()
    {
        Assert.Equal(["de", "en", "es", "fr", "it", "nl", "pt", "zh"], s_lists.Languages);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("en")]
    [InlineData("es")]
    [InlineData("fr")]
    [InlineData("it")]
    [InlineData("nl")]
    [InlineData("pt")]
    [InlineData("zh")]
    public void Every_paragraph_of_the_language_test_set_is_densest_in_its_own_language_and_reads_as_prose(string language)
    {
        // The language detector's test set (tests/AiGov.LanguageDetector.Tests/Data/Paragraphs, copied to the output):
        // five paragraphs on AI policy per language, written for this project.
        var paragraphs = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "Paragraphs", language + ".txt"))
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(5, paragraphs.Length);

        // Chinese is counted per character, and a one-sentence paragraph may have no particle at all
        // ("政府计划设立一个国家级机构，负责监管人工智能系统。"): it is judged on the five together.
        if (language == "zh")
        {
            var document = s_lists.Measure(string.Join('\n', paragraphs));
            Assert.Equal("zh", document.Densest?.Language);
            Assert.InRange(document.For("zh").Density, 0.1, 0.5);
            return;
        }

        foreach (var paragraph in paragraphs)
        {
            var profile = s_lists.Measure(paragraph);
            var own = profile.For(language);
            var start = paragraph[..Math.Min(40, paragraph.Length)];
            Assert.True(profile.Densest?.Language == language, $"{language}: densest {profile.Densest} in '{start}…'");
            Assert.True(own.Density >= 0.2, $"{language}: density {own.Density:F2} in '{start}…'");

            // English against the others by a margin (the foreign-tail rule's 0.6) (Romance languages share many of theirs: de, que, a, la).
            foreach (var other in s_lists.Languages.Where(other => other != language && (other == "en" || language == "en") && other != "zh"))
            {
                Assert.True(profile.For(other).Density < own.Density * 0.6, $"{language} paragraph: {other} density {profile.For(other).Density:F2} vs own {own.Density:F2}");
            }
        }
    }

    [Fact]
    public void The_sum_of_paragraph_profiles_is_the_profile_of_the_paragraphs_joined()
    {
        string[] paragraphs = ["The law applies from 2026 to all providers.", "L'Union européenne a adopté l'IA Act", "我们的人工智能", "don't"];

        var sum = StopWordProfile.Sum(s_lists, paragraphs.Select(p => s_lists.Measure(p)));
        var joined = s_lists.Measure(string.Join('\n', paragraphs));

        Assert.Equal((joined.Words, joined.HanCharacters), (sum.Words, sum.HanCharacters));
        Assert.All(s_lists.Languages, language => Assert.Equal(joined.For(language), sum.For(language)));
    }

    [Fact]
    public void A_list_file_is_parsed_with_comments_and_several_words_per_line()
    {
        var lists = StopWordLists.Parse([("xx", "# comment\nfoo bar\n\nBAZ\n"), ("yy", "的 了\n")]);

        var profile = lists.Measure("Foo went to the baz bar 的书");
        Assert.Equal(new StopWordDensity("xx", 6, 3), profile.For("xx"));
        Assert.Equal(new StopWordDensity("yy", 2, 1), profile.For("yy"));
    }

    [Fact]
    public void An_empty_list_is_refused_with_what_to_do()
    {
        var error = Assert.Throws<FormatException>(() => StopWordLists.Parse([("xx", "# only a comment\n")]));

        Assert.Contains("'xx' has no words", error.Message, StringComparison.Ordinal);
    }
}
