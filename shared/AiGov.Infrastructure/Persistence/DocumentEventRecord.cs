namespace AiGov.Infrastructure.Persistence;

/// <summary>One row of <c>document_events</c>: a stage a document passed, with when, how long, where and how it ended.</summary>
public sealed record DocumentEventRecord
{
    public Guid DocumentId { get; set; }

    /// <summary>Position in the document's trail, from 0.</summary>
    public int Ordinal { get; set; }

    public required string Stage { get; set; }
    public required string Host { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public double DurationMs { get; set; }

    /// <summary>passed for a stage the document went through; the final status for storage; failed for a stage that gave up.</summary>
    public required string Outcome { get; set; }

    public string? Detail { get; set; }
}
