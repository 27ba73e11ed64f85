namespace AiGov.Contracts;

public record DocumentCleaned
{
    public required Guid DocumentId { get; init; }
    public required DocumentSource Source { get; init; }
    public required CleanContent Content { get; init; }

    /// <summary>The stages this document has passed so far, oldest first.</summary>
    public IReadOnlyList<StageVisit> Trail { get; init; } = [];
}
