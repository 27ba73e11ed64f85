namespace AiGov.Contracts;

public record DocumentCleaned
{
    public required Guid DocumentId { get; init; }
    public required DocumentSource Source { get; init; }
    public required CleanContent Content { get; init; }
}
