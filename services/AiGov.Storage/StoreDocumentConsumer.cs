using AiGov.Contracts;
using AiGov.Infrastructure.Persistence;
using AiGov.Infrastructure.Telemetry;
using MassTransit;

namespace AiGov.Storage;

/// <summary>Receives the finished document and stores it as <c>stored</c> or <c>duplicate</c>, with its metadata,
/// language parts and the blocks cleaning removed.</summary>
public sealed class StoreDocumentConsumer(DocumentStore store, ILogger<StoreDocumentConsumer> logger) : IConsumer<DocumentDeduplicated>
{
    public async Task Consume(ConsumeContext<DocumentDeduplicated> context)
    {
        var document = context.Message;
        var clock = StageClock.Start(QueueNames.Storage);
        var stored = StoredDocument.From(document, clock.AppendTo(document.Trail));
        var record = stored.Record;
        var written = await store.SaveAsync(record, stored.RemovedBlocks, stored.Events, context.CancellationToken);
        logger.LogInformation("Document {DocumentId} ({FileName}) {Outcome} as {Status}",
            record.Id, record.FileName, written ? "saved" : "already saved", record.Status);
    }
}
