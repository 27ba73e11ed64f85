namespace AiGov.LanguageDetector;

/// <summary>A text block with the language it was judged to be in.</summary>
public readonly record struct JudgedBlock(TextBlock Block, string Code, double Confidence);

/// <summary>Adds up the letters of each language over a text's blocks.</summary>
public static class LanguageTally
{
    /// <summary>Each language's share of the letters, largest first (<c>und</c> included when some letters are).</summary>
    public static IReadOnlyDictionary<string, double> Shares(IReadOnlyList<JudgedBlock> blocks)
    {
        double total = blocks.Sum(b => b.Block.Letters);
        var shares = new Dictionary<string, double>();
        foreach (var group in blocks.GroupBy(b => b.Code).OrderByDescending(g => g.Sum(b => b.Block.Letters)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            shares[group.Key] = LanguageIdentifier.Round(group.Sum(b => b.Block.Letters) / total);
        }
        return shares;
    }

    /// <summary>The language with the most weight, and its confidence: its share of the weight times the mean
    /// confidence of its blocks. Letters weigh as in <see cref="ScriptHistogram.Weight"/> (a CJK character three), so
    /// a Chinese article with English names stays Chinese and an English one quoting a Chinese title stays English.
    /// Two languages of exactly the same weight are a tie: <c>und</c>.</summary>
    public static (string Code, double Confidence) MainLanguage(IReadOnlyList<JudgedBlock> blocks)
    {
        double total = blocks.Sum(Weight);
        var ranked = blocks.Where(b => b.Code != LanguageIdentifier.Undetermined)
            .GroupBy(b => b.Code)
            .Select(g => (Code: g.Key, Weight: g.Sum(Weight), Confidence: g.Sum(b => Weight(b) * b.Confidence)))
            .OrderByDescending(g => g.Weight)
            .Take(2)
            .ToList();
        if (ranked.Count == 0 || total == 0 || ranked.Count == 2 && ranked[0].Weight == ranked[1].Weight)
        {
            return (LanguageIdentifier.Undetermined, 0);
        }
        var best = ranked[0];
        return (best.Code, best.Weight / total * (best.Confidence / best.Weight));
    }

    private static double Weight(JudgedBlock block) => block.Block.Letters * ScriptHistogram.Weight(block.Block.Script);
}
