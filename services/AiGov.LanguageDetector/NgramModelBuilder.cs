using Lingua;

namespace AiGov.LanguageDetector;

/// <summary>Builds an <see cref="NgramModel"/> from Lingua's model files: slow (seconds for the Latin script), so it
/// runs at build time or when the cache file is missing or stale (<see cref="NgramModelCache"/>).</summary>
public static class NgramModelBuilder
{
    /// <summary>How much less likely than its rarest known n-gram an n-gram a language has never shown is.</summary>
    public const double UnseenPenalty = 5.0;

    /// <param name="order">3 (trigrams) or 4 (quadrigrams).</param>
    public static NgramModel Build(IReadOnlyCollection<Language> languages, int order)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 3);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, 4);
        var codes = languages.Select(Code).ToArray();
        var stride = NgramModel.StrideFor(codes.Length);
        var perLanguage = languages.AsParallel().AsOrdered().Select(language => JointLogProbabilities(language, order)).ToArray();

        var all = new List<ulong>(perLanguage.Sum(table => table.Count));
        foreach (var table in perLanguage)
        {
            all.AddRange(table.Keys);
        }
        all.Sort();
        var keys = all.Distinct().ToArray();
        var rows = new short[keys.Length * stride];
        for (var language = 0; language < perLanguage.Length; language++)
        {
            var table = perLanguage[language];
            var unseen = NgramModel.Quantise((table.Count == 0 ? -20 : table.Values.Min()) - UnseenPenalty);
            for (var row = 0; row < keys.Length; row++)
            {
                rows[row * stride + language] = unseen;
            }
            foreach (var (key, value) in table)
            {
                rows[Array.BinarySearch(keys, key) * stride + language] = NgramModel.Quantise(value);
            }
        }
        return new NgramModel(codes, order, keys, rows);
    }

    public static string Code(Language language) => LanguageInfo.IsoCode6391(language).ToString().ToLowerInvariant();

    /// <summary>log P(abcd) = log P(a) + log P(b|a) + log P(c|ab) + log P(d|abc): Lingua stores conditional
    /// frequencies, and a rare prefix followed by its only continuation would otherwise score as a certainty.</summary>
    private static Dictionary<ulong, double> JointLogProbabilities(Language language, int order)
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
        return joint;
    }
}
