namespace AiGov.Contracts;

/// <summary>Published by the watcher once a file is completely written and accepted. The bytes travel with it,
/// so a worker never needs the watcher's file system.</summary>
public record DocumentArrived
{
    public required Guid DocumentId { get; init; }
    public required DocumentSource Source { get; init; }
    public required byte[] Content { get; init; }

    /// <summary>The stages this document has passed so far, oldest first.</summary>
    public IReadOnlyList<StageVisit> Trail { get; init; } = [];
}
