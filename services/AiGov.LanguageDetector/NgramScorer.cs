namespace AiGov.LanguageDetector;

/// <summary>Tables of one set of languages scored together: each n-gram length adds its log-probabilities, as
/// Lingua's high-accuracy mode sums its n-gram lengths (docs/LANGUAGE.md). A word too short for the sliding tables
/// (<see cref="NgramScope.ShortWords"/>) counts once per sliding table, as every letter of a longer word does.</summary>
public sealed class NgramScorer
{
    /// <summary>When the first table alone is this sure (every other language at least a billion times less likely),
    /// the others are not consulted: on paragraphs of an article they change nothing, and skipping them more than
    /// doubles the documents per second (docs/LANGUAGE.md).</summary>
    public const double DecisiveConfidence = 1 - 1e-9;

    private readonly NgramModel[] _models;
    private readonly int _slidingTables;

    public NgramScorer(IReadOnlyList<NgramModel> models)
    {
        if (models.Count == 0 || models[0].Scope is not NgramScope.Sliding || models.Any(model => !model.Codes.SequenceEqual(models[0].Codes)))
        {
            throw new ArgumentException("tables scored together must list the same languages in the same order, a sliding table first", nameof(models));
        }
        _models = [.. models];
        _slidingTables = _models.Count(model => model.Scope is NgramScope.Sliding);
    }

    /// <summary>The most likely language of the text, its confidence (0..1) and the number of known n-grams of all
    /// lengths.</summary>
    public (string Code, double Confidence, int Ngrams) Score(ReadOnlySpan<char> text)
    {
        var first = _models[0];
        Span<long> totals = stackalloc long[first.Stride];
        totals.Clear();
        var ngrams = first.Accumulate(text, totals);
        if (_models.Length > 1 && ngrams > 0 && first.Softmax(totals, ngrams) is { Confidence: >= DecisiveConfidence } decided)
        {
            return decided;
        }
        Span<long> words = stackalloc long[totals.Length];
        foreach (var model in _models.AsSpan(1))
        {
            if (model.Scope is NgramScope.Sliding)
            {
                ngrams += model.Accumulate(text, totals);
                continue;
            }
            words.Clear();
            ngrams += model.Accumulate(text, words) * _slidingTables;
            for (var i = 0; i < totals.Length; i++)
            {
                totals[i] += words[i] * _slidingTables;
            }
        }
        return ngrams == 0 ? (LanguageIdentifier.Undetermined, 0, 0) : first.Softmax(totals, ngrams);
    }
}
