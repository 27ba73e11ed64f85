namespace AiGov.Contracts;

/// <summary>One stage's work on a document: the status trail travels with the messages and is stored at the end.</summary>
public record StageVisit
{
    /// <summary>watcher, cleaning, language-detection, deduplication, storage.</summary>
    public required string Stage { get; init; }

    public required string Host { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required double DurationMs { get; init; }
}
