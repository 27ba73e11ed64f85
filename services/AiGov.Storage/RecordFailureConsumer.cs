using AiGov.Contracts;
using AiGov.Infrastructure.Persistence;
using AiGov.Infrastructure.Telemetry;
using MassTransit;

namespace AiGov.Storage;

/// <summary>Receives the <c>Fault&lt;T&gt;</c> that MassTransit publishes when a stage gives up on a message after
/// its retries, and stores the document as <c>failed</c> with the stage and the reason: every drop ends as a row.</summary>
public sealed class RecordFailureConsumer(DocumentStore store, ILogger<RecordFailureConsumer> logger) :
    IConsumer<Fault<DocumentArrived>>,
    IConsumer<Fault<DocumentCleaned>>,
    IConsumer<Fault<LanguageDetected>>,
    IConsumer<Fault<DocumentDeduplicated>>
{
    public Task Consume(ConsumeContext<Fault<DocumentArrived>> context) =>
        RecordAsync(context, QueueNames.Cleaning, context.Message.Message.DocumentId, context.Message.Message.Source, context.Message.Message.Trail);

    public Task Consume(ConsumeContext<Fault<DocumentCleaned>> context) =>
        RecordAsync(context, QueueNames.LanguageDetection, context.Message.Message.DocumentId, context.Message.Message.Source, context.Message.Message.Trail);

    public Task Consume(ConsumeContext<Fault<LanguageDetected>> context) =>
        RecordAsync(context, QueueNames.Deduplication, context.Message.Message.DocumentId, context.Message.Message.Source, context.Message.Message.Trail);

    public Task Consume(ConsumeContext<Fault<DocumentDeduplicated>> context) =>
        RecordAsync(context, QueueNames.Storage, context.Message.Message.DocumentId, context.Message.Message.Source, context.Message.Message.Trail);

    private async Task RecordAsync<T>(ConsumeContext<Fault<T>> context, string stage, Guid documentId, DocumentSource source,
        IReadOnlyList<StageVisit> trail)
    {
        var clock = StageClock.Start(QueueNames.Storage);
        var exception = context.Message.Exceptions.FirstOrDefault();
        var reason = exception is null
            ? "no exception recorded"
            : $"{exception.ExceptionType}: {exception.Message}";
        await store.SaveAsync(FailedRecord(documentId, source.FileName, source.RawSha256, source.ReceivedAt, source.Revision, stage, reason),
            [], FailureTrail(context.Message, stage, reason, clock.AppendTo(trail), documentId), context.CancellationToken);
        PipelineTelemetry.DocumentsFailed.Add(1, new KeyValuePair<string, object?>("stage", stage));
        logger.LogWarning("Document {DocumentId} ({FileName}) recorded as failed in {Stage}: {Reason}",
            documentId, source.FileName, stage, reason);
    }

    /// <summary>The row of a document a stage gave up on: where it came from, and <c>&lt;stage&gt;_failed: reason</c>.</summary>
    public static DocumentRecord FailedRecord(Guid id, string fileName, string? rawSha256, DateTimeOffset receivedAt, int revision,
        string stage, string reason) => new()
    {
        Id = id,
        FileName = fileName,
        RawSha256 = rawSha256,
        Status = DocumentStatus.Failed,
        Error = $"{stage}_failed: {reason}",
        ReceivedAt = receivedAt,
        Revision = revision,
    };

    /// <summary>The trail up to the stage that gave up, that stage as <c>failed</c> with the reason, then storage.</summary>
    private static List<DocumentEventRecord> FailureTrail(Fault fault, string stage, string reason, IReadOnlyList<StageVisit> trail, Guid documentId)
    {
        var gaveUp = new StageVisit
        {
            Stage = stage,
            Host = fault.Host?.MachineName ?? "unknown",
            StartedAt = fault.Timestamp,
            DurationMs = 0,
        };
        List<StageVisit> visits = [.. trail.SkipLast(1), gaveUp, trail[^1]];
        var events = TrailEvents.From(documentId, visits, DocumentStatus.Failed, reason);
        events[^2] = events[^2] with { Outcome = "failed", Detail = reason };
        return events;
    }
}
