using AiGov.Contracts;
using AiGov.Infrastructure.Messaging;
using AiGov.Infrastructure.Persistence;
using AiGov.Infrastructure.Telemetry;
using MassTransit;

namespace AiGov.Storage;

/// <summary>Receives finished documents in batches and stores each as <c>stored</c> or <c>duplicate</c>, with its
/// metadata, language parts, removed blocks and trail: one transaction and three round trips per batch instead of
/// one transaction per document (docs/PERFORMANCE.md). Idempotent like the single writes: a redelivered document
/// leaves its row as it is, except over a <c>failed</c> row or for a higher revision.</summary>
public sealed class StoreDocumentBatchConsumer(DocumentStore store, ILogger<StoreDocumentBatchConsumer> logger) : IConsumer<Batch<DocumentDeduplicated>>
{
    public async Task Consume(ConsumeContext<Batch<DocumentDeduplicated>> context)
    {
        var clock = StageClock.Start(QueueNames.Storage);
        var documents = context.Message.Select(m => StoredDocument.From(m.Message, clock.AppendTo(m.Message.Trail))).ToList();
        IReadOnlySet<Guid> written;
        try
        {
            written = await store.SaveBatchAsync(documents, context.CancellationToken);
        }
        catch (Exception e) when (documents.Count > 1 && !TransientFailures.IsTransient(e))
        {
            // One document the database refuses must not fail the others with it: write them one at a time.
            logger.LogWarning("A batch of {Count} documents could not be stored together ({Error}); storing them one at a time", documents.Count, e.Message);
            written = await SaveOneAtATimeAsync(documents, context.CancellationToken);
        }

        foreach (var document in documents)
        {
            logger.LogInformation("Document {DocumentId} ({FileName}) {Outcome} as {Status}",
                document.Document.Id, document.Document.FileName, written.Contains(document.Document.Id) ? "saved" : "already saved", document.Document.Status);
        }
    }

    /// <summary>A document that still fails alone becomes a <c>failed</c> row with the reason, as a stage's give-up
    /// does: every drop ends as a row, and the rest of its batch is stored.</summary>
    private async Task<IReadOnlySet<Guid>> SaveOneAtATimeAsync(List<DocumentWrite> documents, CancellationToken cancellationToken)
    {
        var written = new HashSet<Guid>();
        foreach (var document in documents)
        {
            try
            {
                if (await store.SaveAsync(document, cancellationToken))
                {
                    written.Add(document.Document.Id);
                }
            }
            catch (Exception e) when (!TransientFailures.IsTransient(e))
            {
                var reason = $"{e.GetType().Name}: {e.Message}";
                logger.LogWarning("Document {DocumentId} ({FileName}) cannot be stored: {Reason}; recorded as failed", document.Document.Id, document.Document.FileName, reason);
                var events = document.Events.ToList();
                events[^1] = events[^1] with { Outcome = DocumentStatus.Failed, Detail = reason };
                var record = document.Document;
                await store.SaveAsync(RecordFailureConsumer.FailedRecord(record.Id, record.FileName, record.RawSha256, record.ReceivedAt,
                    record.Revision, QueueNames.Storage, reason), [], events, cancellationToken);
                written.Add(document.Document.Id);
                PipelineTelemetry.DocumentsFailed.Add(1, new KeyValuePair<string, object?>("stage", QueueNames.Storage));
            }
        }
        return written;
    }
}
