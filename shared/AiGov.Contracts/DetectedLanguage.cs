namespace AiGov.Contracts;

public record DetectedLanguage
{
    /// <summary>ISO 639-1 code, or "und" when undetermined.</summary>
    public required string Code { get; init; }

    /// <summary>0..1.</summary>
    public required double Confidence { get; init; }

    /// <summary>Each language's share of the text's letters (0..1), largest first.</summary>
    public IReadOnlyDictionary<string, double> Shares { get; init; } = new Dictionary<string, double>();

    /// <summary>The language of each part of the text (paragraphs, or runs of paragraphs in one language).</summary>
    public IReadOnlyList<LanguageSpan> Spans { get; init; } = [];
}
