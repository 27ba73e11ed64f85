namespace AiGov.LanguageDetector.Tests;

public class LanguageSpanTests
{
    private static readonly LanguageIdentifier s_identifier = new();

    private static string Seed(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "seeds", name);
            if (File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }
        throw new FileNotFoundException($"seeds/{name} not found above {AppContext.BaseDirectory}");
    }

    [Fact]
    public void Identify_GivesSeed004sAppendedChineseBlock_AZhSpan()
    {
        var text = Seed("004_9b09ea246e132ce6.txt");
        var chineseBlock = text.IndexOf("LayaBox李明", StringComparison.Ordinal);

        var language = s_identifier.Identify(text);

        Assert.Contains(language.Spans, span => span.Code == "en" && span.Start < chineseBlock);
        var zh = Assert.Single(language.Spans, span => span.Code == "zh" && span.Start + span.Length == text.Length);
        Assert.InRange(zh.Start, chineseBlock - 200, chineseBlock);
        Assert.Equal(["en", "zh"], language.Shares.Keys.Order().ToArray());
    }

    [Fact]
    public void Identify_SplitsAMixedDocument_IntoOneSpanPerLanguageRun()
    {
        string[] parts = [Samples.English, Samples.German + "\n\n" + Samples.German, Samples.ChineseSimplified, Samples.French];
        var text = string.Join("\n\n", parts);

        var language = s_identifier.Identify(text);

        Assert.Equal(["en", "de", "zh", "fr"], language.Spans.Select(s => s.Code).ToArray());
        Assert.Equal(parts.Select(p => text.IndexOf(p, StringComparison.Ordinal)), language.Spans.Select(s => s.Start));
        Assert.Equal(parts.Select(p => p.Length), language.Spans.Select(s => s.Length));
        Assert.Equal("de", language.Code);
        Assert.Equal(language.Shares.Values.OrderDescending(), language.Shares.Values);
        Assert.Equal(1, language.Shares.Values.Sum(), 3);
    }

    [Fact]
    public void Identify_JoinsAShortHeading_WithTheParagraphAfterIt()
    {
        var text = "Résumé\n\n" + Samples.French;

        var language = s_identifier.Identify(text);

        var span = Assert.Single(language.Spans);
        Assert.Equal(("fr", 0, text.Length), (span.Code, span.Start, span.Length));
    }

    [Fact]
    public void Identify_HasNoSpansOrShares_WhenTextHoldsTooFewLetters()
    {
        var language = s_identifier.Identify("2024 🤖");

        Assert.Empty(language.Spans);
        Assert.Empty(language.Shares);
    }

    [Theory]
    // Weak spots of Lingua's low-accuracy mode, found by a colleague: Swedish → la, Marathi → hi.
    [InlineData("sv", "Regeringen vill att alla myndigheter redovisar hur de använder artificiell intelligens.")]
    [InlineData("mr", "सरकारने कृत्रिम बुद्धिमत्तेच्या वापरासाठी नवीन नियम जाहीर केले आहेत. या नियमांमुळे नागरिकांच्या माहितीचे संरक्षण होईल.")]
    [InlineData("id", "Perusahaan wajib menjelaskan kepada warga bagaimana sebuah algoritme mengambil keputusan tentang mereka.")]
    [InlineData("da", "Virksomhederne skal forklare borgerne, hvordan en algoritme har truffet en afgørelse om dem.")]
    public void Identify_NamesACloseRelative_FromOneOrTwoSentences(string expected, string text)
    {
        Assert.Equal(expected, s_identifier.Identify(text).Code);
    }
}
