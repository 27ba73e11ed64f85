using AiGov.Contracts;
using AiGov.Infrastructure.Persistence;

namespace AiGov.Storage;

/// <summary>Turns the trail a document's messages carried into its <c>document_events</c> rows: every stage it
/// went through has <c>passed</c>, the last visit (storage itself) carries the final outcome.</summary>
public static class TrailEvents
{
    public static List<DocumentEventRecord> From(Guid documentId, IReadOnlyList<StageVisit> trail, string finalOutcome, string? detail = null) =>
        trail.Select((visit, i) => new DocumentEventRecord
        {
            DocumentId = documentId,
            Ordinal = i,
            Stage = visit.Stage,
            Host = visit.Host,
            StartedAt = visit.StartedAt,
            DurationMs = visit.DurationMs,
            Outcome = i == trail.Count - 1 ? finalOutcome : "passed",
            Detail = i == trail.Count - 1 ? detail : null,
        }).ToList();
}
