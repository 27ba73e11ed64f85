namespace AiGov.Contracts;

/// <summary>Published by the watcher for a file it refuses; stored as a <c>rejected</c> row.</summary>
public record DocumentRejected
{
    public required Guid DocumentId { get; init; }
    public required DocumentSource Source { get; init; }

    /// <summary>A reason code: empty, too_large, not_text, unsupported_type, outside_inbox, unreadable.</summary>
    public required string Reason { get; init; }

    public required string Detail { get; init; }

    /// <summary>The stages this document has passed so far, oldest first.</summary>
    public IReadOnlyList<StageVisit> Trail { get; init; } = [];
}
