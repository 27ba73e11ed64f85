using AiGov.Contracts;
using AiGov.Infrastructure.Persistence;
using AiGov.Infrastructure.Telemetry;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace AiGov.Storage;

/// <summary>Keeps each message a stage could not read in <c>unreadable_messages</c> (once per message, however often the
/// event comes), and stores its document as <c>failed</c> (<c>&lt;stage&gt;_failed: unreadable_message: …</c>) when the
/// body still named it.</summary>
public sealed class RecordUnreadableConsumer(AiGovDbContext db, DocumentStore store, ILogger<RecordUnreadableConsumer> logger) : IConsumer<MessageUnreadable>
{
    /// <summary>The file name of a failed row whose message did not say it.</summary>
    public const string UnknownFileName = "(unknown: the message could not be read)";

    public async Task Consume(ConsumeContext<MessageUnreadable> context)
    {
        var clock = StageClock.Start(QueueNames.Storage);
        var unreadable = context.Message;
        var id = context.MessageId ?? Guid.NewGuid();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO unreadable_messages (id, queue, message_id, document_id, file_name, reason, at)
            VALUES ({id}, {unreadable.Queue}, {unreadable.MessageId}, {unreadable.DocumentId}, {unreadable.FileName}, {unreadable.Reason}, {unreadable.At})
            ON CONFLICT DO NOTHING
            """, context.CancellationToken);
        if (unreadable.DocumentId is not { } documentId)
        {
            logger.LogWarning("A message on {Queue} could not be read and names no document ({Reason}); counted in unreadable_messages", unreadable.Queue, unreadable.Reason);
            return;
        }

        var record = RecordFailureConsumer.FailedRecord(documentId, unreadable.FileName ?? UnknownFileName, rawSha256: null,
            unreadable.At, revision: 0, unreadable.Queue, unreadable.Reason);
        var trail = new List<StageVisit>
        {
            new() { Stage = unreadable.Queue, Host = context.Host?.MachineName ?? "unknown", StartedAt = unreadable.At, DurationMs = 0 },
        };
        var events = TrailEvents.From(documentId, clock.AppendTo(trail), DocumentStatus.Failed, unreadable.Reason);
        events[0] = events[0] with { Outcome = "failed", Detail = unreadable.Reason };
        await store.SaveAsync(record, [], events, context.CancellationToken);
        PipelineTelemetry.DocumentsFailed.Add(1, new KeyValuePair<string, object?>("stage", unreadable.Queue));
        logger.LogWarning("Document {DocumentId} ({FileName}) recorded as failed in {Stage}: {Reason}", documentId, record.FileName, unreadable.Queue, unreadable.Reason);
    }
}
