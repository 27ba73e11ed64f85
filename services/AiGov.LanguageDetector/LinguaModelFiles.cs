using System.IO.Compression;
using System.Text.Json;
using Lingua;

namespace AiGov.LanguageDetector;

/// <summary>Reads Lingua's n-gram frequency files (bin/Lingua/LanguageModels/&lt;iso&gt;/&lt;order&gt;.json.br):
/// <c>{"language": "...", "ngrams": {"numerator/denominator": "ngram ngram ...", ...}}</c>, where the fraction is the
/// n-gram's probability given its first n-1 characters.</summary>
public static class LinguaModelFiles
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Lingua", "LanguageModels");

    public static IEnumerable<(string Ngram, double Probability)> Read(Language language, string order)
    {
        var path = Path.Combine(Directory, LanguageInfo.IsoCode6391(language).ToString().ToLowerInvariant(), order + ".json.br");
        using var file = File.OpenRead(path);
        using var brotli = new BrotliStream(file, CompressionMode.Decompress);
        using var document = JsonDocument.Parse(brotli);
        var result = new List<(string, double)>();
        foreach (var entry in document.RootElement.GetProperty("ngrams").EnumerateObject())
        {
            var slash = entry.Name.IndexOf('/');
            var probability = double.Parse(entry.Name.AsSpan(0, slash)) / double.Parse(entry.Name.AsSpan(slash + 1));
            foreach (var ngram in entry.Value.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                result.Add((ngram, probability));
            }
        }
        return result;
    }
}
