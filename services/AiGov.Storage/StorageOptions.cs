using System.ComponentModel.DataAnnotations;
using AiGov.Infrastructure.Messaging;

namespace AiGov.Storage;

/// <summary>Bound from the <c>Storage</c> section (<c>Storage__BatchSize</c> etc.): how finished documents are
/// gathered into one database transaction. Measurements: docs/PERFORMANCE.md.</summary>
public sealed class StorageOptions : IStageBatchOptions
{
    public const string SectionName = "Storage";

    /// <summary>Documents written in one transaction at most.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 64;

    /// <summary>How long a batch waits for more documents after its first one before it is written anyway: the
    /// latency a document pays when few arrive.</summary>
    [Range(1, 10_000)]
    public int BatchMilliseconds { get; set; } = 50;

    /// <summary>Batches written at the same time.</summary>
    [Range(1, 16)]
    public int ConcurrentBatches { get; set; } = 2;
}
