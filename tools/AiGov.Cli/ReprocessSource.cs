namespace AiGov.Cli;

/// <summary>What <c>aigov reprocess</c> reads of a stored document to send it through the pipeline again.</summary>
public sealed record ReprocessSource
{
    public required Guid Id { get; init; }
    public required string FileName { get; init; }
    public string? RawSha256 { get; init; }
    public required string Status { get; init; }
    public required int Revision { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public string? Title { get; init; }
    public string? CleanText { get; init; }
    public string? ContentSha256 { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public string? Source { get; init; }
    public string? SourceUrl { get; init; }
    public string? Author { get; init; }
    public string? Language { get; init; }
    public double? LanguageConfidence { get; init; }
    public string? LanguageShares { get; init; }
    public string? LanguageSpans { get; init; }
    public Guid? DuplicateOf { get; init; }
    public double? Similarity { get; init; }
    public Guid? StoryId { get; init; }
    public IReadOnlyList<(string Label, string Text)> RemovedBlocks { get; init; } = [];
    public IReadOnlyList<(string Stage, string Host, DateTimeOffset StartedAt, double DurationMs)> Trail { get; init; } = [];
}
