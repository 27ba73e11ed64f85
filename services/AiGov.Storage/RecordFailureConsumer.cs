using AiGov.Contracts;
using AiGov.Infrastructure.Persistence;
using AiGov.Infrastructure.Telemetry;
using MassTransit;

namespace AiGov.Storage;

/// <summary>Receives the <c>Fault&lt;T&gt;</c> that MassTransit publishes when a stage gives up on a message after
/// its retries, and stores the document as <c>failed</c> with the stage and the reason: every drop ends as a row. A
/// message no stage could read (<see cref="MessageUnreadable"/>) is kept in <c>unreadable_messages</c>, and its document
/// stored as <c>failed</c> when the body still named it.</summary>
public sealed class RecordFailureConsumer(DocumentStore store, ILogger<RecordFailureConsumer> logger) :
    IConsumer<Fault<DocumentArrived>>,
    IConsumer<Fault<DocumentCleaned>>,
    IConsumer<Fault<LanguageDetected>>,
    IConsumer<Fault<DocumentDeduplicated>>,
    IConsumer<MessageUnreadable>
{
    /// <summary>The file name of a failed row whose unreadable message did not say it.</summary>
    public const string UnknownFileName = "(unknown: the message could not be read)";

    public Task Consume(ConsumeContext<Fault<DocumentArrived>> context) =>
        RecordAsync(context, QueueNames.Cleaning, context.Message.Message.DocumentId, context.Message.Message.Source, context.Message.Message.Trail);

    public Task Consume(ConsumeContext<Fault<DocumentCleaned>> context) =>
        RecordAsync(context, QueueNames.LanguageDetection, context.Message.Message.DocumentId, context.Message.Message.Source, context.Message.Message.Trail);

    public Task Consume(ConsumeContext<Fault<LanguageDetected>> context) =>
        RecordAsync(context, QueueNames.Deduplication, context.Message.Message.DocumentId, context.Message.Message.Source, context.Message.Message.Trail);

    public Task Consume(ConsumeContext<Fault<DocumentDeduplicated>> context) =>
        RecordAsync(context, QueueNames.Storage, context.Message.Message.DocumentId, context.Message.Message.Source, context.Message.Message.Trail);

    public async Task Consume(ConsumeContext<MessageUnreadable> context)
    {
        var unreadable = context.Message;
        await store.RecordUnreadableAsync(new UnreadableMessageRecord
        {
            Id = context.MessageId ?? Guid.NewGuid(),
            Queue = unreadable.Queue,
            MessageId = unreadable.MessageId,
            DocumentId = unreadable.DocumentId,
            FileName = unreadable.FileName,
            Reason = unreadable.Reason,
            At = unreadable.At,
        }, context.CancellationToken);
        if (unreadable.DocumentId is not { } documentId)
        {
            logger.LogWarning("A message on {Queue} could not be read and names no document ({Reason}); counted in unreadable_messages", unreadable.Queue, unreadable.Reason);
            return;
        }
        await RecordAsync(context, unreadable.Queue, documentId, unreadable.FileName ?? UnknownFileName, rawSha256: null, unreadable.At,
            revision: 0, unreadable.Reason, GaveUp(unreadable.Queue, context.Host, unreadable.At), passedBefore: []);
    }

    private Task RecordAsync<T>(ConsumeContext<Fault<T>> context, string stage, Guid documentId, DocumentSource source,
        IReadOnlyList<StageVisit> trail)
    {
        var exception = context.Message.Exceptions.FirstOrDefault();
        var reason = exception is null ? "no exception recorded" : FailureReason.Of(exception.ExceptionType, exception.Message);
        return RecordAsync(context, stage, documentId, source.FileName, source.RawSha256, source.ReceivedAt, source.Revision, reason,
            GaveUp(stage, context.Message.Host, context.Message.Timestamp), trail);
    }

    /// <summary>The visit of the stage that gave up, on the host that said so.</summary>
    private static StageVisit GaveUp(string stage, HostInfo? host, DateTimeOffset at) =>
        new() { Stage = stage, Host = host?.MachineName ?? "unknown", StartedAt = at, DurationMs = 0 };

    /// <summary>Stores the failed row with its trail: the stages passed before, the one that gave up, then storage.</summary>
    private async Task RecordAsync(ConsumeContext context, string stage, Guid documentId, string fileName, string? rawSha256,
        DateTimeOffset receivedAt, int revision, string reason, StageVisit gaveUp, IReadOnlyList<StageVisit> passedBefore)
    {
        var clock = StageClock.Start(QueueNames.Storage);
        var visits = clock.AppendTo([.. passedBefore, gaveUp]);
        var events = TrailEvents.From(documentId, visits, DocumentStatus.Failed, reason);
        events[^2] = events[^2] with { Outcome = "failed", Detail = reason };
        await store.SaveAsync(FailedRecord(documentId, fileName, rawSha256, receivedAt, revision, stage, reason), [], events, context.CancellationToken);
        PipelineTelemetry.DocumentsFailed.Add(1, new KeyValuePair<string, object?>("stage", stage));
        logger.LogWarning("Document {DocumentId} ({FileName}) recorded as failed in {Stage}: {Reason}",
            documentId, fileName, stage, reason);
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
}
