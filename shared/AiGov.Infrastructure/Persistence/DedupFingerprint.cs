namespace AiGov.Infrastructure.Persistence;

/// <summary>What the deduplication index needs to know about a document, computed beforehand from its text.</summary>
public sealed record DedupFingerprint
{
    public required Guid DocumentId { get; init; }

    /// <summary>SHA-256 of the normalised clean text: the exact-duplicate key.</summary>
    public required string ContentSha256 { get; init; }

    /// <summary>MinHash signature; null when the text gave no shingles (then only exact duplicates are found).</summary>
    public uint[]? Signature { get; init; }

    /// <summary>LSH band keys of <see cref="Signature"/>.</summary>
    public IReadOnlyList<long> BandKeys { get; init; } = [];

    /// <summary>Hashed names and numbers, for the story id.</summary>
    public IReadOnlyList<long> AnchorKeys { get; init; } = [];
}

/// <summary>The index's answer: <see cref="CanonicalId"/> is the document itself when it is the first of its kind.</summary>
public sealed record DedupDecision(Guid DocumentId, Guid CanonicalId, double? Similarity, Guid StoryId)
{
    public bool IsDuplicate => CanonicalId != DocumentId;
}

/// <summary>The similarity rules, kept out of the index so that the index is storage and concurrency only.</summary>
public interface IDuplicateJudge
{
    /// <summary>The similarity of two signatures when it makes them near duplicates, else null.</summary>
    double? NearDuplicateSimilarity(uint[] signature, uint[] candidateSignature);

    /// <summary>Whether two documents sharing <paramref name="sharedAnchors"/> names and numbers report one story.</summary>
    bool IsSameStory(int sharedAnchors, int anchorCount, int candidateAnchorCount);

    /// <summary>Documents that share fewer anchors are not even fetched.</summary>
    int MinSharedAnchors { get; }
}
