namespace AiGov.Infrastructure.Persistence;

/// <summary>One row of <c>document_removed_blocks</c>: text the cleaner dropped from a document, with its label.</summary>
public sealed record RemovedBlockRecord
{
    public Guid DocumentId { get; set; }

    /// <summary>Position among the document's removed blocks, from 0.</summary>
    public int Ordinal { get; set; }

    public required string Label { get; set; }
    public required string Text { get; set; }
}
