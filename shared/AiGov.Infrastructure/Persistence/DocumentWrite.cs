namespace AiGov.Infrastructure.Persistence;

/// <summary>One document for <see cref="DocumentStore.SaveBatchAsync"/>: its row, the blocks cleaning removed and its
/// status trail.</summary>
public sealed record DocumentWrite(DocumentRecord Document, IReadOnlyList<RemovedBlockRecord> RemovedBlocks, IReadOnlyList<DocumentEventRecord> Events);
