using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AiGov.LanguageDetector;

/// <summary>How a table keeps its values.</summary>
public enum NgramLayout
{
    /// <summary>One row of <see cref="NgramModel.Stride"/> values per n-gram, summed with SIMD: for trigrams, which
    /// most languages of a script share.</summary>
    Dense,

    /// <summary>Per n-gram only the languages that have it; every other language gets its floor. Quadrigrams of a
    /// whole script are mostly known to a few languages each: dense rows for the ~900,000 Latin quadrigrams would take
    /// ~130 MB, these ~40 MB.</summary>
    Sparse,
}

/// <summary>Several languages scored together: one table lookup per n-gram of the text gives its log-probability in
/// every language at once (naive Bayes over Lingua's n-gram frequencies). Lingua itself looks every n-gram up once per
/// language, which costs ~2 ms per call with the ~45 Latin-script languages; this does a 5 KB article in a fraction of
/// that. Immutable after construction.</summary>
/// <remarks>Flat storage: the keys (packed n-grams, sorted) and their quantised log-probabilities (<see cref="Scale"/>
/// units a nat; exact integer sums, so a table read back from its file scores exactly as the one built), either one
/// row per key (<see cref="NgramLayout.Dense"/>) or, per key, the languages that know it with their value above that
/// language's floor (<see cref="NgramLayout.Sparse"/>).</remarks>
public sealed class NgramModel
{
    /// <summary>Evidence beyond this many n-grams does not sharpen the confidence further: a long text would
    /// otherwise be 1.0 for any winner, and a near tie between close languages should stay visible.</summary>
    public const int ConfidenceEvidenceCap = 40;

    /// <summary>Quantisation: log-probabilities in 1/512 nat (±0.001 nat), down to −64 nats.</summary>
    public const int Scale = 512;

    /// <summary>The longest n-gram a key holds (16 bits a character).</summary>
    public const int MaximumOrder = 4;

    /// <summary>Rows are padded to whole 128-bit vectors, the same on every machine so a file moves between them; a
    /// table of two or three close relatives would be mostly padding with 256-bit rows.</summary>
    public static readonly int VectorShorts = Vector128<short>.Count;

    // int sums of at most this many rows cannot overflow (32,767 × 65,536 < 2^31).
    private const int FlushEvery = 65_536;

    private readonly string[] _codes;

    // The keys live only in the index's slots (a sorted copy would cost 8 bytes more an n-gram).
    private readonly NgramIndex _index;

    // Dense: row × Stride values.
    private readonly short[] _rows;

    // Sparse: per language its floor; per key the entries [offsets[row], offsets[row + 1]), each a language and its
    // value minus that language's floor.
    private readonly short[] _floors;
    private readonly int[] _offsets;
    private readonly byte[] _entryLanguages;
    private readonly ushort[] _entryValues;

    /// <summary>A <see cref="NgramLayout.Dense"/> table: <paramref name="rows"/> holds keys × <see cref="Stride"/> values.</summary>
    public NgramModel(IReadOnlyList<string> codes, int order, ulong[] keys, short[] rows, NgramScope scope = NgramScope.Sliding)
        : this(codes, order, keys, NgramLayout.Dense, scope)
    {
        if (rows.Length != keys.Length * Stride)
        {
            throw new ArgumentException($"{rows.Length} row values for {keys.Length} keys of stride {Stride}", nameof(rows));
        }
        _rows = rows;
    }

    /// <summary>A <see cref="NgramLayout.Sparse"/> table.</summary>
    /// <param name="floors">Each language's value for a key it does not list.</param>
    /// <param name="offsets">keys + 1 ascending offsets into the entries.</param>
    /// <param name="entryLanguages">The language (index into <paramref name="codes"/>) of each entry.</param>
    /// <param name="entryValues">Each entry's value minus its language's floor.</param>
    public NgramModel(IReadOnlyList<string> codes, int order, ulong[] keys, short[] floors, int[] offsets, byte[] entryLanguages, ushort[] entryValues,
        NgramScope scope = NgramScope.Sliding)
        : this(codes, order, keys, NgramLayout.Sparse, scope)
    {
        if (floors.Length != _codes.Length || offsets.Length != keys.Length + 1 || offsets[0] != 0 || offsets[^1] != entryLanguages.Length
            || entryValues.Length != entryLanguages.Length || _codes.Length > byte.MaxValue)
        {
            throw new ArgumentException($"sparse table of {keys.Length} keys: {floors.Length} floors, {offsets.Length} offsets, {entryLanguages.Length}/{entryValues.Length} entries");
        }
        for (var i = 1; i < offsets.Length; i++)
        {
            if (offsets[i] < offsets[i - 1])
            {
                throw new ArgumentException($"offset {i} goes back", nameof(offsets));
            }
        }
        foreach (var language in entryLanguages)
        {
            if (language >= _codes.Length)
            {
                throw new ArgumentException($"entry of language {language} in a table of {_codes.Length}", nameof(entryLanguages));
            }
        }
        _floors = floors;
        _offsets = offsets;
        _entryLanguages = entryLanguages;
        _entryValues = entryValues;
    }

    private NgramModel(IReadOnlyList<string> codes, int order, ulong[] keys, NgramLayout layout, NgramScope scope)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, MaximumOrder);
        _codes = [.. codes];
        Order = order;
        Layout = layout;
        Scope = scope;
        Stride = StrideFor(_codes.Length);
        NgramCount = keys.Length;
        _index = new NgramIndex(keys);
        _rows = [];
        _floors = [];
        _offsets = [];
        _entryLanguages = [];
        _entryValues = [];
    }

    public IReadOnlyList<string> Codes => _codes;

    public int Order { get; }

    public NgramLayout Layout { get; }

    public NgramScope Scope { get; }

    /// <summary>The length of the totals a caller passes to <see cref="Accumulate"/>.</summary>
    public int Stride { get; }

    public int NgramCount { get; }

    /// <summary>The keys in row order (rebuilt from the index on each call: for writing the file and for tests).</summary>
    public ReadOnlySpan<ulong> Keys => _index.KeysByRow(NgramCount);

    public ReadOnlySpan<short> Rows => _rows;

    public ReadOnlySpan<short> Floors => _floors;

    public ReadOnlySpan<int> Offsets => _offsets;

    public ReadOnlySpan<byte> EntryLanguages => _entryLanguages;

    public ReadOnlySpan<ushort> EntryValues => _entryValues;

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
    public int Accumulate(ReadOnlySpan<char> text, Span<long> totals) =>
        Layout is NgramLayout.Dense ? AccumulateDense(text, totals) : AccumulateSparse(text, totals);

    /// <summary>The best language of summed <paramref name="totals"/> over <paramref name="ngrams"/> n-grams, with its
    /// confidence: softmax over the languages with the evidence counted up to <see cref="ConfidenceEvidenceCap"/>;
    /// <c>und</c> for an exact tie.</summary>
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
        var scale = Math.Min(ngrams, ConfidenceEvidenceCap) / (double)ngrams / Scale;
        double total = 0;
        for (var i = 0; i < _codes.Length; i++)
        {
            total += Math.Exp((totals[i] - totals[best]) * scale);
        }
        return (_codes[best], 1 / total, ngrams);
    }

    private int AccumulateDense(ReadOnlySpan<char> text, Span<long> totals)
    {
        Span<int> sums = stackalloc int[Stride];
        sums.Clear();
        var sumVectors = MemoryMarshal.Cast<int, Vector128<int>>(sums);
        var rows = _rows.AsSpan();
        var ngrams = 0;
        var words = new NgramWindow(Order, Scope);
        for (var at = 0; at <= text.Length; at++)
        {
            if (words.Next(CharacterOrEnd(text, at)) is var key and not 0 && _index.RowOf(key) is var row and >= 0)
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
        }
        Flush(sums, totals);
        return ngrams;
    }

    private int AccumulateSparse(ReadOnlySpan<char> text, Span<long> totals)
    {
        var ngrams = 0;
        var words = new NgramWindow(Order, Scope);
        for (var at = 0; at <= text.Length; at++)
        {
            if (words.Next(CharacterOrEnd(text, at)) is var key and not 0 && _index.RowOf(key) is var row and >= 0)
            {
                for (var entry = _offsets[row]; entry < _offsets[row + 1]; entry++)
                {
                    totals[_entryLanguages[entry]] += _entryValues[entry];
                }
                ngrams++;
            }
        }
        for (var i = 0; i < _floors.Length; i++)
        {
            totals[i] += (long)ngrams * _floors[i];
        }
        return ngrams;
    }

    private static void Flush(Span<int> sums, Span<long> totals)
    {
        for (var i = 0; i < sums.Length; i++)
        {
            totals[i] += sums[i];
        }
        sums.Clear();
    }

    /// <summary>The text's characters, then a space that ends its last word (a <see cref="NgramScope.ShortWords"/>
    /// table counts a word when it ends).</summary>
    private static char CharacterOrEnd(ReadOnlySpan<char> text, int index) => index < text.Length ? text[index] : ' ';

    /// <summary>The n-grams of a text as Lingua counts them: lower-cased letters within a word; combining marks
    /// (Devanagari vowel signs, Arabic harakat) are left out without breaking the word. With
    /// <see cref="NgramScope.ShortWords"/> only a whole word of exactly the order's length, given when the word ends.</summary>
    private struct NgramWindow(int order, NgramScope scope)
    {
        private readonly ulong _mask = scope is NgramScope.ShortWords ? ulong.MaxValue : (1UL << (16 * (order - 1))) - 1;
        private ulong _window;
        private int _inWord;

        /// <summary>The packed n-gram that this character completes, or 0.</summary>
        public ulong Next(char raw)
        {
            if (!char.IsLetter(raw))
            {
                if (ScriptHistogram.IsCombiningMark(char.GetUnicodeCategory(raw)))
                {
                    return 0;
                }
                var word = scope is NgramScope.ShortWords && _inWord == order ? _window : 0;
                _inWord = 0;
                _window = 0;
                return word;
            }
            var key = (_window << 16) | char.ToLowerInvariant(raw);
            _window = key & _mask;
            ++_inWord;
            return scope is NgramScope.Sliding && _inWord >= order ? key : 0;
        }
    }
}
