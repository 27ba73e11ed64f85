namespace AiGov.Contracts;

/// <summary>A stretch of the clean text in one language (offsets in UTF-16 code units of the clean text).</summary>
public record LanguageSpan
{
    public required int Start { get; init; }
    public required int Length { get; init; }

    /// <summary>ISO 639-1 code, or "und".</summary>
    public required string Code { get; init; }

    public required double Confidence { get; init; }
}
