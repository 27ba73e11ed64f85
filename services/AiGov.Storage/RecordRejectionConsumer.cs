using AiGov.Contracts;
using AiGov.Infrastructure.Persistence;
using AiGov.Infrastructure.Telemetry;
using MassTransit;

namespace AiGov.Storage;

/// <summary>Receives a file the watcher refused and stores it as a <c>rejected</c> row with its reason.</summary>
public sealed class RecordRejectionConsumer(DocumentStore store, ILogger<RecordRejectionConsumer> logger) : IConsumer<DocumentRejected>
{
    public async Task Consume(ConsumeContext<DocumentRejected> context)
    {
        var rejected = context.Message;
        var clock = StageClock.Start(QueueNames.Storage);
        await store.SaveAsync(new DocumentRecord
        {
            Id = rejected.DocumentId,
            FileName = rejected.Source.FileName,
            RawSha256 = rejected.Source.RawSha256,
            Status = DocumentStatus.Rejected,
            Error = $"{rejected.Reason}: {rejected.Detail}",
            ReceivedAt = rejected.Source.ReceivedAt,
        }, [], TrailEvents.From(rejected.DocumentId, clock.AppendTo(rejected.Trail), DocumentStatus.Rejected, rejected.Reason),
            context.CancellationToken);
        PipelineTelemetry.DocumentsRejected.Add(1, new KeyValuePair<string, object?>("reason", rejected.Reason));
        logger.LogInformation("Document {DocumentId} ({FileName}) recorded as rejected: {Reason}",
            rejected.DocumentId, rejected.Source.FileName, rejected.Reason);
    }
}
