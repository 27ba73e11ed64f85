using System.Text;
using AiGov.Text.Similarity;

namespace AiGov.DedupBench;

/// <summary>Articles made of words drawn with the word frequencies of the seed articles (case kept, so capitalised
/// names occur as often as in real news), and copies of them with a share of their words replaced.</summary>
public sealed class SyntheticCorpus
{
    private readonly string[] _tokens;
    private readonly Random _random;

    public SyntheticCorpus(IEnumerable<string> sourceTexts, int seed)
    {
        _tokens = sourceTexts
            .SelectMany(t => t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Select(t => t.Trim('"', '“', '”', '(', ')', ',', ';', ':'))
            .Where(t => t.Length > 0 && TextUnits.Split(t).Count > 0)
            .ToArray();
        _random = new Random(seed);
    }

    public static SyntheticCorpus FromSeeds(int seed) =>
        new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seeds"), "*.txt").Select(File.ReadAllText), seed);

    public string[] Article(int minWords = 300, int maxWords = 900)
    {
        var words = new string[_random.Next(minWords, maxWords + 1)];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = RandomWord();
        }
        return words;
    }

    /// <summary>A copy with <paramref name="share"/> of the word positions (chosen at random) given another word.</summary>
    public string[] Edit(string[] article, double share)
    {
        var copy = (string[])article.Clone();
        var positions = Enumerable.Range(0, copy.Length).OrderBy(_ => _random.Next()).Take((int)Math.Round(share * copy.Length));
        foreach (var position in positions)
        {
            string replacement;
            do
            {
                replacement = RandomWord();
            }
            while (string.Equals(replacement, copy[position], StringComparison.OrdinalIgnoreCase));
            copy[position] = replacement;
        }
        return copy;
    }

    public static string Text(string[] words)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < words.Length; i++)
        {
            builder.Append(words[i]).Append(i % 17 == 16 ? ".\n" : " ");
        }
        return builder.ToString();
    }

    private string RandomWord() => _tokens[_random.Next(_tokens.Length)];
}
