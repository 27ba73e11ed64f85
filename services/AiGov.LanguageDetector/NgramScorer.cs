namespace AiGov.LanguageDetector;

/// <summary>Tables of one set of languages scored together: each n-gram length adds its log-probabilities, as
/// Lingua's high-accuracy mode sums its n-gram lengths; trigrams and quadrigrams together were right on 35 more
/// sentences in 5,000 of the Latin script than trigrams alone (docs/LANGUAGE.md).</summary>
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
        foreach (var model in _models)
        {
            ngrams += model.Accumulate(text, totals);
        }
        return ngrams == 0 ? (LanguageIdentifier.Undetermined, 0, 0) : _models[0].Softmax(totals, ngrams);
    }
}
