using System.ComponentModel.DataAnnotations;
using AiGov.Infrastructure.Messaging;

namespace AiGov.Deduplicator;

/// <summary>Bound from the <c>Deduplication</c> section (<c>Deduplication__NearDuplicateThreshold</c> etc.).
/// Shingle sizes, permutations and bands are not settings: changing them makes the stored index incomparable.</summary>
public sealed class DeduplicationOptions : IStageBatchOptions
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

    /// <summary>Documents decided in one index transaction at most.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 32;

    /// <summary>How long a batch waits for more documents after its first one before it is decided anyway.</summary>
    [Range(1, 10_000)]
    public int BatchMilliseconds { get; set; } = 20;

    /// <summary>Batches decided at the same time (their advisory locks still serialise documents that could match).</summary>
    [Range(1, 16)]
    public int ConcurrentBatches { get; set; } = 2;
}
