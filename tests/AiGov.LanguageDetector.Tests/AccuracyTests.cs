using Xunit.Abstractions;

namespace AiGov.LanguageDetector.Tests;

public class AccuracyTests(ITestOutputHelper output)
{
    private static readonly LanguageTestSet s_testSet = LanguageTestSet.Load(Path.Combine(AppContext.BaseDirectory, "Data", "Paragraphs"));

    [Fact]
    public void TestSet_CoversAtLeastTwentyLanguages_WithFiveParagraphsEach()
    {
        Assert.True(s_testSet.ParagraphsByLanguage.Count >= 20, $"{s_testSet.ParagraphsByLanguage.Count} languages");
        Assert.All(s_testSet.ParagraphsByLanguage, pair => Assert.Equal(5, pair.Value.Count));
    }

    [Fact]
    public void Identify_NamesAtLeast99PercentOfParagraphs_AndEveryDocument()
    {
        var report = s_testSet.Evaluate(new LanguageIdentifier());
        output.WriteLine(report.Summary());

        Assert.True(report.ParagraphAccuracy >= 0.99, report.Summary());
        Assert.Equal(1.0, report.DocumentAccuracy);
    }
}
