namespace AiGov.Infrastructure.Persistence;

/// <summary>One row of <c>dedup_documents</c>: the deduplicator's decision about a document, kept so that a
/// redelivered message gets the same answer, and its MinHash signature, so later documents can be compared with it.</summary>
public sealed class DedupDocumentRecord
{
    public Guid DocumentId { get; set; }

    /// <summary>Order of decision: the smallest sequence in a group is its earliest stored document.</summary>
    public long Sequence { get; set; }

    /// <summary>The group's canonical document: <see cref="DocumentId"/> itself for a new text.</summary>
    public Guid CanonicalId { get; set; }

    /// <summary>Null for a canonical document; 1.0 for an exact duplicate; else the estimated Jaccard similarity.</summary>
    public double? Similarity { get; set; }

    public Guid StoryId { get; set; }

    /// <summary>MinHash values, 4 bytes each, little-endian; null when the text gave no shingles or is an exact copy.</summary>
    public byte[]? Signature { get; set; }

    public int AnchorCount { get; set; }

    public DateTimeOffset DecidedAt { get; set; }
}

/// <summary>One row of <c>dedup_bands</c>: an LSH band key of a document's signature.</summary>
public sealed class DedupBandRecord
{
    public long BandKey { get; set; }
    public Guid DocumentId { get; set; }
}

/// <summary>One row of <c>story_anchors</c>: a name or number (hashed) that the document with this
/// <c>dedup_documents.seq</c> mentions.</summary>
public sealed class StoryAnchorRecord
{
    public long AnchorKey { get; set; }
    public long Sequence { get; set; }
}
