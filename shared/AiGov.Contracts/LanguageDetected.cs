namespace AiGov.Contracts;

public record LanguageDetected
{
    public required Guid DocumentId { get; init; }
    public required DocumentSource Source { get; init; }
    public required CleanContent Content { get; init; }
    public required DetectedLanguage Language { get; init; }
}
