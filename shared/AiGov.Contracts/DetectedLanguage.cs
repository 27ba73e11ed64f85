namespace AiGov.Contracts;

public record DetectedLanguage
{
    /// <summary>ISO 639-1 code, or "und" when undetermined.</summary>
    public required string Code { get; init; }

    /// <summary>0..1.</summary>
    public required double Confidence { get; init; }
}
