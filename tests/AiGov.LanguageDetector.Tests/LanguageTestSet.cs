using System.Text;

namespace AiGov.LanguageDetector.Tests;

/// <summary>The accuracy test set: Data/Paragraphs/&lt;iso 639-1&gt;.txt, paragraphs on AI policy written for this
/// project, separated by blank lines. A document is a language's paragraphs joined. Shared with the bench tool.</summary>
public sealed record LanguageTestSet(IReadOnlyDictionary<string, IReadOnlyList<string>> ParagraphsByLanguage)
{
    public static LanguageTestSet Load(string directory) => new(
        Directory.GetFiles(directory, "*.txt")
            .Order(StringComparer.Ordinal)
            .ToDictionary(
                path => Path.GetFileNameWithoutExtension(path),
                path => (IReadOnlyList<string>)File.ReadAllText(path)
                    .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));

    public AccuracyReport Evaluate(LanguageIdentifier identifier)
    {
        var paragraphs = new List<(string Expected, string Actual)>();
        var documents = new List<(string Expected, string Actual)>();
        foreach (var (code, texts) in ParagraphsByLanguage)
        {
            paragraphs.AddRange(texts.Select(text => (code, identifier.Identify(text).Code)));
            documents.Add((code, identifier.Identify(string.Join("\n\n", texts)).Code));
        }
        return new AccuracyReport(paragraphs, documents);
    }
}

/// <summary>What was expected against what was answered, per paragraph and per document.</summary>
public sealed record AccuracyReport(IReadOnlyList<(string Expected, string Actual)> Paragraphs, IReadOnlyList<(string Expected, string Actual)> Documents)
{
    public double ParagraphAccuracy => Accuracy(Paragraphs);

    public double DocumentAccuracy => Accuracy(Documents);

    public int Languages => Paragraphs.Select(p => p.Expected).Distinct().Count();

    /// <summary>Every confusion (expected → answered: count), then the totals.</summary>
    public string Summary()
    {
        var builder = new StringBuilder();
        builder.AppendLine($"{Languages} languages, {Paragraphs.Count} paragraphs, {Documents.Count} documents");
        builder.AppendLine($"paragraphs right: {Paragraphs.Count(p => p.Expected == p.Actual)}/{Paragraphs.Count} ({ParagraphAccuracy:P1})");
        builder.AppendLine($"documents right:  {Documents.Count(d => d.Expected == d.Actual)}/{Documents.Count} ({DocumentAccuracy:P1})");
        var confusions = Paragraphs.Select(p => ("paragraph", p)).Concat(Documents.Select(d => ("document", d)))
            .Where(item => item.Item2.Expected != item.Item2.Actual)
            .GroupBy(item => $"{item.Item1} {item.Item2.Expected} -> {item.Item2.Actual}")
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        builder.AppendLine("confusions (expected -> answered):" + (confusions.Any() ? string.Empty : " none"));
        foreach (var confusion in confusions)
        {
            builder.AppendLine($"  {confusion.Key}: {confusion.Count()}");
        }
        return builder.ToString();
    }

    private static double Accuracy(IReadOnlyList<(string Expected, string Actual)> pairs) =>
        pairs.Count == 0 ? 0 : pairs.Count(p => p.Expected == p.Actual) / (double)pairs.Count;
}
