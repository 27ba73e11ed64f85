using System.IO.Compression;
using System.Text;
using AiGov.Tests.Shared;

namespace AiGov.LanguageDetector.Tests;

/// <summary>Lingua's published test sentences: <c>&lt;iso 639-1&gt;.txt.gz</c>, one sentence a line, read from the shared
/// bench folder beside the repository (never copied into it). Shared with the bench tool.</summary>
public sealed record SentenceSet(IReadOnlyDictionary<string, IReadOnlyList<string>> SentencesByLanguage)
{
    /// <summary>Where the shared folder keeps the sentences, relative to it.</summary>
    public static readonly string RelativeDirectory = Path.Combine("bench", "language", "sentences");

    public int Count => SentencesByLanguage.Values.Sum(sentences => sentences.Count);

    public static SentenceSet Load(string directory)
    {
        var files = Directory.GetFiles(directory, "*.txt.gz").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            throw new DirectoryNotFoundException($"No <code>.txt.gz sentence files in {directory}: pass the folder of Lingua's test sentences (shared/{RelativeDirectory.Replace('\\', '/')}).");
        }
        return new SentenceSet(files.ToDictionary(
            path => Path.GetFileName(path)[..^".txt.gz".Length],
            path => (IReadOnlyList<string>)ReadLines(path)));
    }

    /// <summary>The sentences folder of the shared folder beside the repository, or null when it is not there.</summary>
    public static string? FindDirectory() => SharedFolder.Find(RelativeDirectory);

    /// <summary>Each sentence identified by <paramref name="identify"/>, in order, per language.</summary>
    public SentenceReport Evaluate(Func<string, string> identify)
    {
        var results = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (code, sentences) in SentencesByLanguage)
        {
            var answers = new string[sentences.Count];
            for (var i = 0; i < sentences.Count; i++)
            {
                answers[i] = identify(sentences[i]);
            }
            results[code] = answers;
        }
        return new SentenceReport(this, results);
    }

    private static List<string> ReadLines(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim().Length > 0)
            {
                lines.Add(line.Trim());
            }
        }
        return lines;
    }
}

/// <summary>The answers to a <see cref="SentenceSet"/>, in the order of its sentences.</summary>
public sealed record SentenceReport(SentenceSet Set, IReadOnlyDictionary<string, IReadOnlyList<string>> AnswersByLanguage)
{
    public IEnumerable<string> Languages => AnswersByLanguage.Keys;

    public double Accuracy(string code) =>
        AnswersByLanguage[code].Count(answer => answer == code) / (double)AnswersByLanguage[code].Count;

    public int Undetermined(string code) => AnswersByLanguage[code].Count(answer => answer == LanguageIdentifier.Undetermined);

    /// <summary>The mean of the per-language accuracies, as Lingua's reports give it.</summary>
    public double MacroAccuracy => AnswersByLanguage.Keys.Average(Accuracy);

    /// <summary>The most frequent wrong answers for a language, most frequent first.</summary>
    public IEnumerable<(string Answer, int Count)> Confusions(string code, int top) =>
        AnswersByLanguage[code].Where(answer => answer != code)
            .GroupBy(answer => answer)
            .Select(group => (group.Key, group.Count()))
            .OrderByDescending(item => item.Item2)
            .ThenBy(item => item.Key, StringComparer.Ordinal)
            .Take(top);

    /// <summary>The sentences of a language answered <paramref name="answer"/>.</summary>
    public IEnumerable<string> SentencesAnswered(string code, string answer) =>
        Set.SentencesByLanguage[code].Where((_, i) => AnswersByLanguage[code][i] == answer);
}
