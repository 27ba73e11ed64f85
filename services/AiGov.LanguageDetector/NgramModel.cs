using System.Numerics;
using System.Runtime.InteropServices;
using Lingua;

namespace AiGov.LanguageDetector;

/// <summary>Several languages scored together: one table lookup per n-gram (trigram, or quadrigram to tell close
/// relatives apart) of the text gives its log-probability in every language at once (naive Bayes over Lingua's
/// n-gram frequencies). Lingua itself looks every n-gram up once per language, which costs ~2 ms per call with the ~45
/// Latin-script languages; this does a 5 KB article in a fraction of that. Immutable after construction.</summary>
public sealed class NgramModel
{
    /// <summary>Evidence beyond this many trigrams does not sharpen the confidence further: a long text would
    /// otherwise be 1.0 for any winner, and a near tie between close languages should stay visible.</summary>
    public const int ConfidenceEvidenceCap = 40;

    /// <summary>How much less likely than its rarest known trigram a trigram a language has never shown is.</summary>
    private const float UnseenPenalty = 5.0f;

    private readonly string[] _codes;
    private readonly int _order;
    private readonly int _stride;
    private readonly Dictionary<ulong, int> _rowOf;
    private readonly float[] _rows;

    private NgramModel(string[] codes, int order, int stride, Dictionary<ulong, int> rowOf, float[] rows)
    {
        _codes = codes;
        _order = order;
        _stride = stride;
        _rowOf = rowOf;
        _rows = rows;
    }

    public IReadOnlyList<string> Codes => _codes;

    public int NgramCount => _rowOf.Count;

    /// <param name="order">3 (trigrams) or 4 (quadrigrams).</param>
    public static NgramModel Load(IReadOnlyCollection<Language> languages, int order = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 3);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, 4);
        var codes = languages.Select(l => LanguageInfo.IsoCode6391(l).ToString().ToLowerInvariant()).ToArray();
        var stride = (codes.Length + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
        var perLanguage = languages.AsParallel().AsOrdered().Select(language => JointLogProbabilities(language, order)).ToArray();

        var rowOf = new Dictionary<ulong, int>();
        foreach (var table in perLanguage)
        {
            foreach (var key in table.Keys)
            {
                rowOf.TryAdd(key, rowOf.Count);
            }
        }
        var rows = new float[rowOf.Count * stride];
        for (var language = 0; language < perLanguage.Length; language++)
        {
            var table = perLanguage[language];
            var unseen = (table.Count == 0 ? -20f : table.Values.Min()) - UnseenPenalty;
            foreach (var (key, row) in rowOf)
            {
                rows[row * stride + language] = table.TryGetValue(key, out var value) ? value : unseen;
            }
        }
        return new NgramModel(codes, order, stride, rowOf, rows);
    }

    /// <summary>The most likely language of the text, its confidence (0..1) and the number of known n-grams.</summary>
    public (string Code, double Confidence, int Ngrams) Score(ReadOnlySpan<char> text)
    {
        Span<float> sums = stackalloc float[_stride];
        sums.Clear();
        var sumVectors = MemoryMarshal.Cast<float, Vector<float>>(sums);
        var rows = _rows.AsSpan();
        var trigrams = 0;
        ulong window = 0;
        var mask = (1UL << (16 * (_order - 1))) - 1;
        var inWord = 0;
        foreach (var raw in text)
        {
            if (!char.IsLetter(raw))
            {
                // Lingua's n-grams leave out combining marks (Devanagari vowel signs, Arabic harakat) without
                // breaking the word there.
                if (!IsCombiningMark(raw))
                {
                    inWord = 0;
                }
                continue;
            }
            var c = char.ToLowerInvariant(raw);
            var key = (window << 16) | c;
            if (++inWord >= _order && _rowOf.TryGetValue(key, out var row))
            {
                var rowVectors = MemoryMarshal.Cast<float, Vector<float>>(rows.Slice(row * _stride, _stride));
                for (var i = 0; i < sumVectors.Length; i++)
                {
                    sumVectors[i] += rowVectors[i];
                }
                trigrams++;
            }
            window = key & mask;
        }
        if (trigrams == 0)
        {
            return (LanguageIdentifier.Undetermined, 0, 0);
        }

        var best = 0;
        for (var i = 1; i < _codes.Length; i++)
        {
            if (sums[i] > sums[best])
            {
                best = i;
            }
        }
        // Softmax over the languages, with the evidence counted up to the cap.
        var scale = Math.Min(trigrams, ConfidenceEvidenceCap) / (double)trigrams;
        double total = 0;
        for (var i = 0; i < _codes.Length; i++)
        {
            total += Math.Exp((sums[i] - sums[best]) * scale);
        }
        return (_codes[best], 1 / total, trigrams);
    }

    private static bool IsCombiningMark(char c) =>
        char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    private static readonly string[] s_orderFiles = ["unigrams", "bigrams", "trigrams", "quadrigrams"];

    private static ulong Key(string ngram)
    {
        ulong key = 0;
        foreach (var c in ngram)
        {
            key = (key << 16) | c;
        }
        return key;
    }

    /// <summary>log P(abcd) = log P(a) + log P(b|a) + log P(c|ab) + log P(d|abc): Lingua stores conditional
    /// frequencies, and a rare prefix followed by its only continuation would otherwise score as a certainty.</summary>
    private static Dictionary<ulong, float> JointLogProbabilities(Language language, int order)
    {
        var joint = new Dictionary<ulong, double> { [0] = 0 };
        for (var n = 1; n <= order; n++)
        {
            var longer = new Dictionary<ulong, double>();
            foreach (var (ngram, probability) in LinguaModelFiles.Read(language, s_orderFiles[n - 1]))
            {
                if (ngram.Length == n && joint.TryGetValue(Key(ngram[..^1]), out var prefix))
                {
                    longer[Key(ngram)] = prefix + Math.Log(probability);
                }
            }
            joint = longer;
        }
        return joint.ToDictionary(pair => pair.Key, pair => (float)pair.Value);
    }
}
