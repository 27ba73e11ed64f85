using Lingua;

namespace AiGov.LanguageDetector;

/// <summary>What a table's values estimate for an n-gram of the text.</summary>
public enum NgramEstimate
{
    /// <summary>log P(abcd) = log P(a) + log P(b|a) + log P(c|ab) + log P(d|abc); an n-gram a language never showed
    /// is <see cref="NgramModelBuilder.UnseenPenalty"/> below its rarest one. Lingua stores conditional frequencies,
    /// and a rare prefix followed by its only continuation would otherwise score as a certainty.</summary>
    Joint,

    /// <summary>log P(d|abc) as Lingua scores it: an n-gram a language never showed backs off to its longest prefix the
    /// language knows (P(c|ab), then P(b|a), then P(a)). Between close relatives, whose n-grams are mostly the same,
    /// the conditional frequencies tell them apart better (docs/LANGUAGE.md).</summary>
    ConditionalBackOff,
}

/// <summary>Which n-grams of a text a table scores.</summary>
public enum NgramScope
{
    /// <summary>Every run of <see cref="NgramTable.Order"/> letters within a word.</summary>
    Sliding,

    /// <summary>Only whole words of exactly <see cref="NgramTable.Order"/> letters: the one- and two-letter words
    /// (of, de, в, и) that trigrams never see, though they are a language's most frequent.</summary>
    ShortWords,
}

/// <summary>One n-gram table: the languages it tells apart, the n-gram length, what its values estimate, how they are
/// stored and which n-grams of a text it scores.</summary>
public sealed record NgramTable(IReadOnlyList<Language> Languages, int Order, NgramEstimate Estimate, NgramLayout Layout, NgramScope Scope = NgramScope.Sliding)
{
    public IEnumerable<string> Codes => Languages.Select(NgramModelBuilder.Code);

    public string FileName =>
        (Languages.Count > 8 ? $"{Order}-{NgramModelBuilder.Code(Languages[0])}-{Languages.Count}" : $"{Order}-{string.Join("-", Codes)}")
        + (Estimate is NgramEstimate.ConditionalBackOff ? "-conditional" : string.Empty)
        + (Scope is NgramScope.ShortWords ? "-words" : string.Empty) + ".ngrams";

    /// <summary>What the table is built from: Lingua's version (its model files), the languages, the order, the
    /// estimate, the layout and the builder's constants. A file with another fingerprint is stale.</summary>
    public string Fingerprint =>
        $"lingua {LinguaModelFiles.Version}; order {Order}; {Estimate}; {Layout}; {Scope}; scale {NgramModel.Scale}; unseen {NgramModelBuilder.UnseenPenalty}; "
        + string.Join(",", Codes);
}

/// <summary>Builds an <see cref="NgramModel"/> from Lingua's model files: slow (seconds for the Latin script), so it
/// runs at build time or when the cache file is missing or stale (<see cref="NgramModelCache"/>).</summary>
public static class NgramModelBuilder
{
    /// <summary>How much less likely than its rarest known n-gram (or letter) an n-gram a language has never shown is.</summary>
    public const double UnseenPenalty = 5.0;

    public static NgramModel Build(IReadOnlyCollection<Language> languages, int order) =>
        Build(new NgramTable([.. languages], order, NgramEstimate.Joint, NgramLayout.Dense));

    public static NgramModel Build(NgramTable table)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(table.Order, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(table.Order, NgramModel.MaximumOrder);
        var codes = table.Codes.ToArray();
        var perLanguage = table.Languages.AsParallel().AsOrdered()
            .Select(language => table.Estimate is NgramEstimate.Joint ? Joint(language, table.Order) : ConditionalBackOff(language, table.Order))
            .ToArray();
        var keys = SortedDistinct(perLanguage.SelectMany(estimate => estimate.Known));
        return table.Layout is NgramLayout.Dense
            ? Dense(codes, table.Order, table.Scope, keys, perLanguage)
            : Sparse(codes, table.Order, table.Scope, keys, perLanguage);
    }

    public static string Code(Language language) => LanguageInfo.IsoCode6391(language).ToString().ToLowerInvariant();

    private static ulong[] SortedDistinct(IEnumerable<ulong> keys)
    {
        var all = keys.ToArray();
        Array.Sort(all);
        var distinct = 0;
        for (var i = 0; i < all.Length; i++)
        {
            if (distinct == 0 || all[i] != all[distinct - 1])
            {
                all[distinct++] = all[i];
            }
        }
        return all[..distinct];
    }

    private static NgramModel Dense(string[] codes, int order, NgramScope scope, ulong[] keys, LanguageEstimate[] perLanguage)
    {
        var stride = NgramModel.StrideFor(codes.Length);
        var rows = new short[keys.Length * stride];
        Parallel.For(0, perLanguage.Length, language =>
        {
            var estimate = perLanguage[language];
            for (var row = 0; row < keys.Length; row++)
            {
                rows[row * stride + language] = NgramModel.Quantise(estimate.Unknown(keys[row]));
            }
            foreach (var (key, value) in estimate.Levels[0])
            {
                rows[Array.BinarySearch(keys, key) * stride + language] = NgramModel.Quantise(value);
            }
        });
        return new NgramModel(codes, order, keys, rows, scope);
    }

    private static NgramModel Sparse(string[] codes, int order, NgramScope scope, ulong[] keys, LanguageEstimate[] perLanguage)
    {
        var floors = perLanguage.Select(estimate => NgramModel.Quantise(estimate.Floor)).ToArray();
        var rowsOf = perLanguage.AsParallel().AsOrdered()
            .Select(estimate => estimate.Levels[0].Select(pair => (Row: Array.BinarySearch(keys, pair.Key), pair.Value)).ToArray())
            .ToArray();
        var offsets = new int[keys.Length + 1];
        foreach (var known in rowsOf)
        {
            foreach (var (row, _) in known)
            {
                offsets[row + 1]++;
            }
        }
        for (var row = 0; row < keys.Length; row++)
        {
            offsets[row + 1] += offsets[row];
        }
        var next = offsets[..^1];
        var languages = new byte[offsets[^1]];
        var values = new ushort[offsets[^1]];
        for (var language = 0; language < rowsOf.Length; language++)
        {
            foreach (var (row, value) in rowsOf[language])
            {
                var entry = next[row]++;
                languages[entry] = (byte)language;
                values[entry] = checked((ushort)(NgramModel.Quantise(value) - floors[language]));
            }
        }
        return new NgramModel(codes, order, keys, floors, offsets, languages, values, scope);
    }

    private static LanguageEstimate Joint(Language language, int order)
    {
        var joint = new Dictionary<ulong, double> { [0] = 0 };
        for (var n = 1; n <= order; n++)
        {
            var longer = new Dictionary<ulong, double>();
            foreach (var (key, probability) in LinguaModelFiles.Read(language, n))
            {
                if (joint.TryGetValue(key >> 16, out var prefix))
                {
                    longer[key] = prefix + Math.Log(probability);
                }
            }
            joint = longer;
        }
        var floor = (joint.Count == 0 ? -20 : joint.Values.Min()) - UnseenPenalty;
        return new LanguageEstimate([joint], floor, BackOff: false);
    }

    private static LanguageEstimate ConditionalBackOff(Language language, int order)
    {
        // levels[0] holds the n-grams of the table's order, levels[1] one character shorter, and so on.
        var levels = new Dictionary<ulong, double>[order];
        for (var n = 1; n <= order; n++)
        {
            var level = new Dictionary<ulong, double>();
            foreach (var (key, probability) in LinguaModelFiles.Read(language, n))
            {
                level[key] = Math.Log(probability);
            }
            levels[order - n] = level;
        }
        var letters = levels[order - 1];
        var floor = (letters.Count == 0 ? -20 : letters.Values.Min()) - UnseenPenalty;
        return new LanguageEstimate(levels, floor, BackOff: true);
    }

    /// <summary>One language's values: <c>Levels[0]</c> holds the n-grams it knows; with <c>BackOff</c> an unknown
    /// n-gram takes the value of its longest known prefix from the shorter levels, else the floor.</summary>
    private sealed record LanguageEstimate(Dictionary<ulong, double>[] Levels, double Floor, bool BackOff)
    {
        public IEnumerable<ulong> Known => Levels[0].Keys;

        public double Unknown(ulong key)
        {
            if (BackOff)
            {
                for (var level = 1; level < Levels.Length; level++)
                {
                    key >>= 16;
                    if (Levels[level].TryGetValue(key, out var prefix))
                    {
                        return prefix;
                    }
                }
            }
            return Floor;
        }
    }
}
