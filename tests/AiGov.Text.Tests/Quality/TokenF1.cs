using System.Text;

namespace AiGov.Text.Tests.Quality;

/// <summary>
/// Bag-of-tokens F1 between an extracted text and a gold text, as in the extraction benchmarks (trafilatura,
/// SQuAD): tokens are lower-cased runs of letters and digits, and every CJK character is a token of its own.
/// </summary>
public static class TokenF1
{
    public static double Score(string extracted, string gold)
    {
        var predicted = Count(Tokens(extracted));
        var expected = Count(Tokens(gold));
        var overlap = predicted.Sum(pair => Math.Min(pair.Value, expected.GetValueOrDefault(pair.Key)));
        var predictedTotal = predicted.Values.Sum();
        var expectedTotal = expected.Values.Sum();
        if (overlap == 0 || predictedTotal == 0 || expectedTotal == 0)
        {
            return 0;
        }

        var precision = (double)overlap / predictedTotal;
        var recall = (double)overlap / expectedTotal;
        return 2 * precision * recall / (precision + recall);
    }

    public static IEnumerable<string> Tokens(string text)
    {
        var word = new StringBuilder();
        foreach (var rune in text.ToLowerInvariant().EnumerateRunes())
        {
            if (IsCjk(rune.Value))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }

                yield return rune.ToString();
            }
            else if (Rune.IsLetterOrDigit(rune))
            {
                word.Append(rune.ToString());
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private static Dictionary<string, int> Count(IEnumerable<string> tokens)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            counts[token] = counts.GetValueOrDefault(token) + 1;
        }

        return counts;
    }

    private static bool IsCjk(int codePoint) =>
        codePoint is (>= 0x3040 and <= 0x30FF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF)
            or (>= 0xAC00 and <= 0xD7AF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x2FA1F);
}
