using System.Text;
using Lingua;

namespace AiGov.LanguageDetector.Tests;

public class LanguageIdentifierTests
{
    // One instance for the class, as in the service (Lingua's models are process-wide anyway).
    private static readonly LanguageIdentifier s_identifier = new();

    public static TheoryData<string, string> Paragraphs => new()
    {
        { "en", Samples.English },
        { "de", Samples.German },
        { "fr", Samples.French },
        { "es", Samples.Spanish },
        { "it", Samples.Italian },
        { "pt", Samples.Portuguese },
        { "nl", Samples.Dutch },
        { "pl", Samples.Polish },
        { "ru", Samples.Russian },
        { "uk", Samples.Ukrainian },
        { "ar", Samples.Arabic },
        { "fa", Samples.Persian },
        { "hi", Samples.Hindi },
        { "zh", Samples.ChineseSimplified },
        { "zh", Samples.ChineseTraditional },
        { "ja", Samples.Japanese },
        { "ko", Samples.Korean },
        { "el", Samples.Greek },
        { "he", Samples.Hebrew },
        { "th", Samples.Thai },
    };

    [Theory]
    [MemberData(nameof(Paragraphs))]
    public void Identify_NamesTheLanguage_OfAParagraph(string expected, string text)
    {
        var language = s_identifier.Identify(text);

        Assert.Equal(expected, language.Code);
        Assert.InRange(language.Confidence, 0.5000001, 1);
    }

    [Fact]
    public void Identify_IsEnglish_WhenAnEnglishArticleQuotesAFewChineseWords()
    {
        var language = s_identifier.Identify(Samples.EnglishQuotingChinese);

        Assert.Equal("en", language.Code);
        Assert.InRange(language.Confidence, 0.5000001, 1);
    }

    [Fact]
    public void Identify_IsChinese_WhenAChineseParagraphNamesEnglishProducts()
    {
        var language = s_identifier.Identify(Samples.ChineseWithEnglishNames);

        Assert.Equal("zh", language.Code);
        Assert.InRange(language.Confidence, 0.5000001, 1);
    }

    [Fact]
    public void Identify_IsJapanese_WhenTextIsMostlyKanjiWithALittleKana()
    {
        var language = s_identifier.Identify(Samples.JapaneseMostlyKanji);

        Assert.Equal("ja", language.Code);
        Assert.InRange(language.Confidence, 0.5000001, 1);
    }

    [Fact]
    public void Identify_IsChinese_WhenAChineseParagraphHasOneStrayKana()
    {
        // "の" in a shop name is common in Chinese; one kana does not make Japanese.
        var language = s_identifier.Identify(Samples.ChineseSimplified + "我们在无印良品の店里讨论了这个问题。");

        Assert.Equal("zh", language.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t  \r\n ")]
    [InlineData("2024 2025 10 485 760 3.14159")]
    [InlineData("🤖")]
    [InlineData("!!! ??? ... --- «» “” ()[]{} ¿¡ 。、")]
    public void Identify_IsUndeterminedWithZeroConfidence_WhenTextHoldsNoLetter(string text)
    {
        var language = s_identifier.Identify(text);

        Assert.Equal(LanguageIdentifier.Undetermined, language.Code);
        Assert.Equal(0, language.Confidence);
    }

    // Short sentences from Lingua's test set that came out "und" for having fewer than 12 letters.
    [Theory]
    [InlineData("ko", "전쟁은 무조건 악인가?")]
    [InlineData("te", "అదే ఈనాడు కావాల్సింది.")]
    [InlineData("pa", "ਉਹ ਕਿੱਥੇ ਹੈ?")]
    [InlineData("th", "ไม่เป็นไร")]
    [InlineData("ru", "Ты веришь мне?")]
    [InlineData("zh", "你好")]
    [InlineData("ja", "ありがとう")]
    public void Identify_DecidesAShortText(string expected, string text)
    {
        var language = s_identifier.Identify(text);

        Assert.Equal(expected, language.Code);
        Assert.InRange(language.Confidence, 0.01, 1);
    }

    [Theory]
    [InlineData("ko", "한")]
    [InlineData("el", "ή")]
    [InlineData("he", "ש")]
    [InlineData("hy", "Ա")]
    [InlineData("ka", "ა")]
    public void Identify_DecidesAScriptOfOneLanguage_FromItsFirstLetter_WithLowConfidence(string expected, string text)
    {
        var language = s_identifier.Identify(text);

        Assert.Equal(expected, language.Code);
        Assert.InRange(language.Confidence, 0.5, 0.6);
        Assert.Equal(1.0, s_identifier.Identify(Samples.Korean).Confidence);
    }

    [Fact]
    public void Identify_GivesAShortLatinTextALowConfidence()
    {
        var language = s_identifier.Identify("AI Act");

        Assert.NotEqual(LanguageIdentifier.Undetermined, language.Code);
        Assert.InRange(language.Confidence, 0.0001, 0.5);
        Assert.True(s_identifier.Identify(Samples.English).Confidence > 0.9);
    }

    [Fact]
    public void Identify_Answers_ForATenMegabyteText()
    {
        var builder = new StringBuilder(10 * 1024 * 1024 + Samples.English.Length);
        while (builder.Length < 10 * 1024 * 1024)
        {
            builder.Append(Samples.English).Append('\n');
        }

        var language = s_identifier.Identify(builder.ToString());

        Assert.Equal("en", language.Code);
    }

    [Fact]
    public void Identify_Answers_ForATenMegabyteTextWithoutSpaces()
    {
        // No white space to cut the sample windows at, and astral characters that a cut could split.
        var text = string.Concat(Enumerable.Repeat("人工智能𠀀治理", 10 * 1024 * 1024 / 8));

        var language = s_identifier.Identify(text);

        Assert.Equal("zh", language.Code);
    }

    [Fact]
    public void Identify_ScoresABoundedPrefixOfAParagraph_SoNoBlockRunsLongWithoutAToken()
    {
        // One paragraph: English just past the scored prefix, then a million characters of French. Scoring the whole
        // block would say French; only the prefix is scored, so the work on a block stays bounded.
        var english = Repeat(Samples.English.Replace('\n', ' '), LanguageIdentifier.MaximumScoredCharacters + 1000);
        var french = Repeat(Samples.French.Replace('\n', ' '), 1_000_000);

        var language = s_identifier.Identify(english + " " + french);

        Assert.Equal("en", language.Code);
        Assert.Equal("fr", s_identifier.Identify(french).Code);
    }

    private static string Repeat(string sample, int length)
    {
        var text = new System.Text.StringBuilder(length + sample.Length);
        while (text.Length < length)
        {
            text.Append(sample).Append(' ');
        }
        return text.ToString(0, length);
    }

    [Fact]
    public async Task Identify_GivesEveryThreadItsRightAnswer_WhenCalledInParallel()
    {
        var identifier = new LanguageIdentifier();
        (string Code, string Text)[] work =
        [
            ("en", Samples.English), ("de", Samples.German), ("fr", Samples.French), ("ru", Samples.Russian),
            ("ar", Samples.Arabic), ("hi", Samples.Hindi), ("zh", Samples.ChineseSimplified), ("pl", Samples.Polish),
        ];

        var answers = await Task.WhenAll(work.Select(item => Task.Run(() =>
            Enumerable.Range(0, 50).Select(_ => identifier.Identify(item.Text).Code).ToList())));

        for (var i = 0; i < work.Length; i++)
        {
            Assert.All(answers[i], code => Assert.Equal(work[i].Code, code));
        }
    }

    public static TheoryData<string> LatinParagraphs => new()
    {
        Samples.English, Samples.German, Samples.French, Samples.Spanish, Samples.Italian, Samples.Portuguese,
        Samples.Dutch, Samples.Polish, Samples.EnglishQuotingChinese,
    };

    /// <summary><see cref="LanguageIdentifier"/> takes the first entry; that must be the most likely language.</summary>
    [Theory]
    [MemberData(nameof(LatinParagraphs))]
    public void LinguaConfidenceValues_ListTheMostLikelyLanguageFirst(string text)
    {
        var detector = LanguageDetectorBuilder.FromAllLanguagesWithLatinScript().WithLowAccuracyMode().Build();

        var values = detector.ComputeLanguageConfidenceValues(text);

        Assert.Equal(values.Max(pair => pair.Value), values.First().Value);
        Assert.Equal(values.OrderByDescending(pair => pair.Value).Select(pair => pair.Value), values.Select(pair => pair.Value));
    }
}
