namespace AiGov.Contracts;

public record DocumentDeduplicated
{
    public required Guid DocumentId { get; init; }
    public required DocumentSource Source { get; init; }
    public required CleanContent Content { get; init; }
    public required DetectedLanguage Language { get; init; }

    /// <summary>Null when the document is the first of its kind.</summary>
    public DuplicateMatch? Duplicate { get; init; }

    /// <summary>Documents about the same event, told in other words, share a story id (the first one's id).</summary>
    public Guid? StoryId { get; init; }

    /// <summary>The stages this document has passed so far, oldest first.</summary>
    public IReadOnlyList<StageVisit> Trail { get; init; } = [];
}
