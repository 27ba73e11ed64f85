namespace AiGov.Contracts;

public record DuplicateMatch
{
    /// <summary>The first (canonical) document with the same or nearly the same text.</summary>
    public required Guid DuplicateOf { get; init; }

    /// <summary>1.0 for an exact duplicate, else the estimated Jaccard similarity.</summary>
    public required double Similarity { get; init; }
}
