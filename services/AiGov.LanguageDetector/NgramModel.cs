using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AiGov.LanguageDetector;

/// <summary>Several languages scored together: one table lookup per n-gram (trigram, or quadrigram to tell close
/// relatives apart) of the text gives its log-probability in every language at once (naive Bayes over Lingua's
/// n-gram frequencies). Lingua itself looks every n-gram up once per language, which costs ~2 ms per call with the ~45
/// Latin-script languages; this does a 5 KB article in a fraction of that. Immutable after construction.</summary>
/// <remarks>Flat storage: the keys (packed n-grams, sorted) and one row per key of <see cref="Stride"/> quantised
/// log-probabilities (<see cref="Scale"/> units a nat; exact integer sums, so a table read back from its file scores
/// exactly as the one built). About 100 bytes an n-gram for 45 languages instead of a float row plus a dictionary
/// entry.</remarks>
public sealed class NgramModel
{
    /// <summary>Evidence beyond this many trigrams does not sharpen the confidence further: a long text would
    /// otherwise be 1.0 for any winner, and a near tie between close languages should stay visible.</summary>
    public const int ConfidenceEvidenceCap = 40;

    /// <summary>Quantisation: log-probabilities in 1/512 nat (±0.001 nat), down to −64 nats.</summary>
    public const int Scale = 512;

    /// <summary>Rows are padded to whole 128-bit vectors, the same on every machine so a file moves between them; a
    /// table of two or three close relatives would be mostly padding with 256-bit rows.</summary>
    public static readonly int VectorShorts = Vector128<short>.Count;

    // int sums of at most this many rows cannot overflow (32,767 × 65,536 < 2^31).
    private const int FlushEvery = 65_536;

    private readonly string[] _codes;
    private readonly ulong[] _keys;
    private readonly short[] _rows;
    private readonly NgramIndex _index;

    public NgramModel(IReadOnlyList<string> codes, int order, ulong[] keys, short[] rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, 4);
        _codes = [.. codes];
        Order = order;
        Stride = StrideFor(_codes.Length);
        if (rows.Length != keys.Length * Stride)
        {
            throw new ArgumentException($"{rows.Length} row values for {keys.Length} keys of stride {Stride}", nameof(rows));
        }
        _keys = keys;
        _rows = rows;
        _index = new NgramIndex(keys);
    }

    public IReadOnlyList<string> Codes => _codes;

    public int Order { get; }

    public int Stride { get; }

    public int NgramCount => _keys.Length;

    public ReadOnlySpan<ulong> Keys => _keys;

    public ReadOnlySpan<short> Rows => _rows;

    public static int StrideFor(int languages) => (languages + VectorShorts - 1) / VectorShorts * VectorShorts;

    public static short Quantise(double logProbability) => (short)Math.Clamp(Math.Round(logProbability * Scale), -short.MaxValue, 0);

    /// <summary>The most likely language of the text, its confidence (0..1) and the number of known n-grams.</summary>
    public (string Code, double Confidence, int Ngrams) Score(ReadOnlySpan<char> text)
    {
        Span<long> totals = stackalloc long[Stride];
        totals.Clear();
        var ngrams = Accumulate(text, totals);
        return ngrams == 0 ? (LanguageIdentifier.Undetermined, 0, 0) : Softmax(totals, ngrams);
    }

    /// <summary>Adds the text's log-probability in each language (in <see cref="Scale"/> units, in the order of
    /// <see cref="Codes"/>) to <paramref name="totals"/> (at least <see cref="Stride"/> long); returns the number of
    /// known n-grams.</summary>
    public int Accumulate(ReadOnlySpan<char> text, Span<long> totals)
    {
        Span<int> sums = stackalloc int[Stride];
        sums.Clear();
        var sumVectors = MemoryMarshal.Cast<int, Vector128<int>>(sums);
        var rows = _rows.AsSpan();
        var ngrams = 0;
        ulong window = 0;
        var mask = (1UL << (16 * (Order - 1))) - 1;
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
            if (++inWord >= Order && _index.RowOf(key) is var row and >= 0)
            {
                var rowVectors = MemoryMarshal.Cast<short, Vector128<short>>(rows.Slice(row * Stride, Stride));
                for (var i = 0; i < rowVectors.Length; i++)
                {
                    var (lower, upper) = Vector128.Widen(rowVectors[i]);
                    sumVectors[2 * i] += lower;
                    sumVectors[2 * i + 1] += upper;
                }
                if (++ngrams % FlushEvery == 0)
                {
                    Flush(sums, totals);
                }
            }
            window = key & mask;
        }
        Flush(sums, totals);
        return ngrams;
    }

    public (string Code, double Confidence, int Ngrams) Softmax(ReadOnlySpan<long> totals, int ngrams)
    {
        var best = 0;
        for (var i = 1; i < _codes.Length; i++)
        {
            if (totals[i] > totals[best])
            {
                best = i;
            }
        }
        for (var i = 0; i < _codes.Length; i++)
        {
            if (i != best && totals[i] == totals[best])
            {
                // The n-grams found say nothing to tell these languages apart.
                return (LanguageIdentifier.Undetermined, 0, ngrams);
            }
        }
        // Softmax over the languages, with the evidence counted up to the cap.
        var scale = Math.Min(ngrams, ConfidenceEvidenceCap) / (double)ngrams / Scale;
        double total = 0;
        for (var i = 0; i < _codes.Length; i++)
        {
            total += Math.Exp((totals[i] - totals[best]) * scale);
        }
        return (_codes[best], 1 / total, ngrams);
    }

    private static void Flush(Span<int> sums, Span<long> totals)
    {
        for (var i = 0; i < sums.Length; i++)
        {
            totals[i] += sums[i];
        }
        sums.Clear();
    }

    private static bool IsCombiningMark(char c) =>
        char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;
}
