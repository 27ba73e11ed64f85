namespace AiGov.LanguageDetector;

/// <summary>Tables of one set of languages scored together: each n-gram length adds its log-probabilities, as
/// Lingua's high-accuracy mode sums its n-gram lengths (docs/LANGUAGE.md). A word too short for the sliding tables
/// (<see cref="NgramScope.ShortWords"/>) counts once per sliding table, as every letter of a longer word does.</summary>
public sealed class NgramScorer
{
    private readonly NgramModel[] _models;

    public NgramScorer(IReadOnlyList<NgramModel> models)
    {
        if (models.Count == 0 || models.Any(model => !model.Codes.SequenceEqual(models[0].Codes)))
        {
            throw new ArgumentException("tables scored together must list the same languages in the same order", nameof(models));
        }
        _models = [.. models];
    }

    public IReadOnlyList<string> Codes => _models[0].Codes;

    public IReadOnlyList<NgramModel> Models => _models;

    /// <summary>The most likely language of the text, its confidence (0..1) and the number of known n-grams of all
    /// lengths.</summary>
    public (string Code, double Confidence, int Ngrams) Score(ReadOnlySpan<char> text)
    {
        Span<long> totals = stackalloc long[_models[0].Stride];
        totals.Clear();
        var ngrams = 0;
        var sliding = _models.Count(model => model.Scope is NgramScope.Sliding);
        Span<long> words = stackalloc long[totals.Length];
        foreach (var model in _models)
        {
            if (model.Scope is NgramScope.Sliding)
            {
                ngrams += model.Accumulate(text, totals);
                continue;
            }
            words.Clear();
            ngrams += model.Accumulate(text, words) * sliding;
            for (var i = 0; i < totals.Length; i++)
            {
                totals[i] += words[i] * sliding;
            }
        }
        return ngrams == 0 ? (LanguageIdentifier.Undetermined, 0, 0) : _models[0].Softmax(totals, ngrams);
    }
}
