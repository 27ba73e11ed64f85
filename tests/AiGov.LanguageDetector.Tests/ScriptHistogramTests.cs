namespace AiGov.LanguageDetector.Tests;

public class ScriptHistogramTests
{
    [Fact]
    public void Of_CountsOnlyLetters_ByScript()
    {
        var histogram = ScriptHistogram.Of("AI Act 2024: 人工智能 & ИИ! Ωμέγα — 인공지능 ひらがな");

        Assert.Equal(5, histogram[Script.Latin]);
        Assert.Equal(4, histogram[Script.Han]);
        Assert.Equal(2, histogram[Script.Cyrillic]);
        Assert.Equal(5, histogram[Script.Greek]);
        Assert.Equal(4, histogram[Script.Hangul]);
        Assert.Equal(4, histogram[Script.Kana]);
        Assert.Equal(24, histogram.LetterCount);
    }

    [Fact]
    public void Of_CountsTheVowelSignsOfAnAbugida_ButNotLatinCombiningAccents()
    {
        // Devanagari writes most vowels as combining signs (ी, ि): they carry as much as a Latin vowel letter.
        var histogram = ScriptHistogram.Of("नीति");

        Assert.Equal(4, histogram[Script.Devanagari]);
        Assert.Equal(4, histogram.LetterCount);
        Assert.Equal(4, ScriptHistogram.Of("cafe\u0301").LetterCount);
    }

    [Fact]
    public void Dominant_IsTheScriptOfMostText_WhenAHindiOrUrduSentenceFollowsAnEnglishSiteName()
    {
        Assert.Equal(Script.Devanagari, ScriptHistogram.Of("Twitter पर साझा करेंFacebook पर साझा करेंPinterest पर साझा करें").Dominant().Script);
        Assert.Equal(Script.Arabic, ScriptHistogram.Of("Maeeshat India's First Magazine Focusing Minorities Business & Economy منریگا میں بدعنوانی کے سبب ضلع کے تین مکھیا کو ہٹایا جائے گا!").Dominant().Script);
        Assert.Equal(Script.Latin, ScriptHistogram.Of("The new rules were published in the official gazette on Monday, 人工智能 included.").Dominant().Script);
    }

    [Fact]
    public void Of_CountsSupplementaryHanCharacters_AsHan()
    {
        var histogram = ScriptHistogram.Of("𠀀𠀁");

        Assert.Equal(2, histogram[Script.Han]);
    }

    [Fact]
    public void Dominant_IsOtherWithZeroShare_WhenThereAreNoLetters()
    {
        Assert.Equal((Script.Other, 0d), ScriptHistogram.Of("2024 — 42% ✓ 🤖").Dominant());
        Assert.Equal((Script.Other, 0d), ScriptHistogram.Of(string.Empty).Dominant());
    }

    [Fact]
    public void Dominant_StaysLatin_WhenEnglishQuotesAFewChineseWords()
    {
        var (script, share) = ScriptHistogram.Of(Samples.EnglishQuotingChinese).Dominant();

        Assert.Equal(Script.Latin, script);
        Assert.InRange(share, 0.7, 1);
    }

    [Fact]
    public void Dominant_IsHan_WhenChineseNamesEnglishProducts()
    {
        var (script, share) = ScriptHistogram.Of(Samples.ChineseWithEnglishNames).Dominant();

        Assert.Equal(Script.Han, script);
        Assert.InRange(share, 0.8, 1);
    }

    [Fact]
    public void Dominant_JudgesHanAndKanaTogether_ForJapanese()
    {
        var (script, share) = ScriptHistogram.Of(Samples.Japanese).Dominant();

        Assert.True(script is Script.Han or Script.Kana, $"dominant script {script}");
        Assert.InRange(share, 0.9999, 1);
    }

    [Theory]
    [InlineData(Samples.Russian, Script.Cyrillic)]
    [InlineData(Samples.Arabic, Script.Arabic)]
    [InlineData(Samples.Hebrew, Script.Hebrew)]
    [InlineData(Samples.Greek, Script.Greek)]
    [InlineData(Samples.Thai, Script.Thai)]
    [InlineData(Samples.Hindi, Script.Devanagari)]
    [InlineData(Samples.Korean, Script.Hangul)]
    public void Dominant_IsTheScriptOfASingleScriptText_WithFullShare(string text, Script expected)
    {
        var (script, share) = ScriptHistogram.Of(text).Dominant();

        Assert.Equal(expected, script);
        Assert.Equal(1, share);
    }
}
