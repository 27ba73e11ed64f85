using System.ComponentModel.DataAnnotations;

namespace AiGov.Deduplicator;

/// <summary>Bound from the <c>Deduplication</c> section (<c>Deduplication__NearDuplicateThreshold</c> etc.).
/// Shingle sizes, permutations and bands are not settings: changing them makes the stored index incomparable.</summary>
public sealed class DeduplicationOptions
{
    public const string SectionName = "Deduplication";

    /// <summary>Estimated Jaccard similarity (3-word shingles) from which a document is a near duplicate. 0.5: a
    /// copy with 10 % of its words changed scores 0.61 on average and is caught 96 % of the time; with 20 % changed
    /// it scores 0.39 and is caught 3 % of the time; unrelated articles average 0.008, at most 0.18 (docs/DEDUP.md).</summary>
    [Range(0.05, 1.0)]
    public double NearDuplicateThreshold { get; set; } = 0.5;

    /// <summary>Share of the smaller document's names and numbers that two reports of one story have in common.</summary>
    [Range(0.05, 1.0)]
    public double StoryOverlapThreshold { get; set; } = 0.35;

    /// <summary>Fewer shared names and numbers than this never make one story.</summary>
    [Range(1, 100)]
    public int MinSharedAnchors { get; set; } = 5;
}
