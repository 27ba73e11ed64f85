using System.IO.Compression;
using System.Text.Json;
using Lingua;

namespace AiGov.LanguageDetector;

/// <summary>Reads Lingua's n-gram frequency files (bin/Lingua/LanguageModels/&lt;iso&gt;/&lt;order&gt;.json.br):
/// <c>{"language": "...", "ngrams": {"numerator/denominator": "ngram ngram ...", ...}}</c>, where the fraction is the
/// n-gram's probability given its first n-1 characters.</summary>
public static class LinguaModelFiles
{
    private static readonly string[] s_orderFiles = ["unigrams", "bigrams", "trigrams", "quadrigrams", "fivegrams"];

    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Lingua", "LanguageModels");

    /// <summary>Lingua's package version: its model files change only with it.</summary>
    public static string Version { get; } =
        typeof(LanguageDetectorBuilder).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>Every n-gram of exactly <paramref name="length"/> UTF-16 characters (1..4) as a packed key (16 bits a
    /// character, first character highest) with its conditional probability.</summary>
    public static List<(ulong Key, double Probability)> Read(Language language, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, s_orderFiles.Length);
        var path = Path.Combine(Directory, LanguageInfo.IsoCode6391(language).ToString().ToLowerInvariant(), s_orderFiles[length - 1] + ".json.br");
        var json = Decompress(path);
        var reader = new Utf8JsonReader(json.AsSpan());
        var result = new List<(ulong, double)>();
        var inNgrams = false;
        var probability = 0d;
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.PropertyName)
            {
                if (reader.CurrentDepth == 1)
                {
                    inNgrams = reader.ValueTextEquals("ngrams"u8);
                }
                else if (inNgrams)
                {
                    probability = Fraction(reader.GetString()!);
                }
            }
            else if (reader.TokenType is JsonTokenType.String && inNgrams && reader.CurrentDepth == 2)
            {
                AddNgrams(result, reader.GetString()!, length, probability);
            }
        }
        return result;
    }

    public static ulong Key(ReadOnlySpan<char> ngram)
    {
        ulong key = 0;
        foreach (var c in ngram)
        {
            key = (key << 16) | c;
        }
        return key;
    }

    private static void AddNgrams(List<(ulong, double)> result, string ngrams, int length, double probability)
    {
        foreach (var range in ngrams.AsSpan().Split(' '))
        {
            var ngram = ngrams.AsSpan(range);
            if (ngram.Length == length)
            {
                result.Add((Key(ngram), probability));
            }
        }
    }

    private static double Fraction(string text)
    {
        var slash = text.IndexOf('/');
        return double.Parse(text.AsSpan(0, slash)) / double.Parse(text.AsSpan(slash + 1));
    }

    private static byte[] Decompress(string path)
    {
        using var file = File.OpenRead(path);
        using var brotli = new BrotliStream(file, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        brotli.CopyTo(buffer);
        return buffer.ToArray();
    }
}
