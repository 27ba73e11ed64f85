namespace AiGov.Contracts;

public record LanguageDetected
{
    public required Guid DocumentId { get; init; }
    public required DocumentSource Source { get; init; }
    public required CleanContent Content { get; init; }
    public required DetectedLanguage Language { get; init; }

    /// <summary>The stages this document has passed so far, oldest first.</summary>
    public IReadOnlyList<StageVisit> Trail { get; init; } = [];
}
