using Xunit.Abstractions;

namespace AiGov.LanguageDetector.Tests;

/// <summary>Lingua's published test sentences (75 languages, up to 1,000 each), read from the shared bench folder
/// beside the repository. <c>tools/AiGov.LanguageBench -- lingua-sentences</c> prints the same with Lingua beside it.</summary>
public class SentenceAccuracyTests(ITestOutputHelper output)
{
    private static readonly Lazy<SentenceReport> s_report = new(() =>
    {
        var directory = SentenceSet.FindDirectory()
            ?? throw new DirectoryNotFoundException(
                $"Lingua's test sentences were not found: put the shared folder beside the repository (../shared/{SentenceSet.RelativeDirectory.Replace('\\', '/')}) or set AIGOV_SHARED to it.");
        var identifier = new LanguageIdentifier();
        return SentenceSet.Load(directory).Evaluate(text => identifier.Identify(text).Code);
    });

    [Fact]
    public void ScriptsOfOneLanguage_DecideEverySentence()
    {
        string[] codes = ["ko", "el", "he", "th", "bn", "ta", "te", "gu", "pa", "hy", "ka"];

        foreach (var code in codes)
        {
            output.WriteLine($"{code}: {s_report.Value.Accuracy(code):P1}, {s_report.Value.Undetermined(code)} und");
        }

        Assert.All(codes, code => Assert.Equal(0, s_report.Value.Undetermined(code)));
        Assert.All(codes, code => Assert.True(s_report.Value.Accuracy(code) >= 0.99, $"{code}: {s_report.Value.Accuracy(code):P1}"));
    }

    /// <summary>Lingua 2.0.0 (all languages, high accuracy) on the same sentences, written by
    /// <c>lingua-sentences --lingua-reference</c>: its right answers per language.</summary>
    private static readonly IReadOnlyDictionary<string, double> s_linguaAccuracy =
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "LinguaSentenceAccuracy.tsv"))
            .Select(line => line.Split('\t'))
            .ToDictionary(fields => fields[0], fields => double.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) / double.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void NoLanguage_IsMoreThanTwoPointsBelowLingua()
    {
        var report = s_report.Value;
        var below = report.Languages
            .Select(code => (Code: code, Ours: report.Accuracy(code), Lingua: s_linguaAccuracy[code]))
            .Where(item => item.Ours < item.Lingua - 0.02)
            .Select(item => $"{item.Code} {item.Ours:P1} (Lingua {item.Lingua:P1})")
            .ToList();

        Assert.Equal(report.Languages.Order(), s_linguaAccuracy.Keys.Order());
        Assert.True(below.Count == 0, string.Join("; ", below));
    }

    [Fact]
    public void MacroAccuracy_IsAtLeast96Percent()
    {
        var report = s_report.Value;
        foreach (var code in report.Languages)
        {
            output.WriteLine($"{code}: {report.Accuracy(code):P1} ({string.Join(", ", report.Confusions(code, 3).Select(c => $"{c.Answer} {c.Count}"))})");
        }
        output.WriteLine($"macro: {report.MacroAccuracy:P2}");

        Assert.Equal(75, report.Languages.Count());
        Assert.True(report.MacroAccuracy >= 0.96, $"macro accuracy {report.MacroAccuracy:P2}");
        Assert.True(report.Languages.Sum(report.Undetermined) <= 20, $"{report.Languages.Sum(report.Undetermined)} sentences und");
    }
}
