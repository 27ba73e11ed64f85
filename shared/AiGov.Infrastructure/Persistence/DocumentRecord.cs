namespace AiGov.Infrastructure.Persistence;

/// <summary>One row of the <c>documents</c> table: every dropped file ends as exactly one.</summary>
public sealed record DocumentRecord
{
    public Guid Id { get; set; }
    public required string FileName { get; set; }
    public string? RawSha256 { get; set; }
    public required string Status { get; set; }
    public string? Error { get; set; }
    public string? Title { get; set; }
    public string? CleanText { get; set; }
    public string? ContentSha256 { get; set; }
    public string? Language { get; set; }
    public double? LanguageConfidence { get; set; }
    public Guid? DuplicateOf { get; set; }
    public double? Similarity { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset StoredAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? Source { get; set; }
    public string? SourceUrl { get; set; }
    public string? Author { get; set; }

    /// <summary>jsonb: {"en": 0.93, "zh": 0.07}.</summary>
    public string? LanguageShares { get; set; }

    /// <summary>jsonb: [{"start": 0, "length": 812, "code": "en", "confidence": 0.98}, …].</summary>
    public string? LanguageSpans { get; set; }

    public Guid? StoryId { get; set; }

    /// <summary>How many times <c>aigov reprocess</c> has re-run the document (0: the first pass).</summary>
    public int Revision { get; set; }
}

public static class DocumentStatus
{
    public const string Stored = "stored";
    public const string Duplicate = "duplicate";
    public const string Rejected = "rejected";
    public const string Failed = "failed";
}
