using AiGov.Contracts;
using AiGov.Infrastructure.Messaging;
using AiGov.Infrastructure.Persistence;
using AiGov.Infrastructure.Telemetry;
using MassTransit;

namespace AiGov.Deduplicator;

/// <summary>Receives documents with their language in batches, asks the index whether each text (or nearly its text)
/// was seen before and which story it belongs to, publishes each verdict. One index transaction per batch, decided in
/// the batch's order as if the documents had come one at a time (docs/PERFORMANCE.md).</summary>
public sealed class DeduplicateDocumentBatchConsumer(NearDuplicateIndex index, ILogger<DeduplicateDocumentBatchConsumer> logger)
    : IConsumer<Batch<LanguageDetected>>
{
    public async Task Consume(ConsumeContext<Batch<LanguageDetected>> context)
    {
        var clock = StageClock.Start(QueueNames.Deduplication);
        var failed = new HashSet<Guid>();
        // A document with no text left after cleaning is nobody's duplicate: every empty page would otherwise
        // collapse into the first one.
        var pending = new List<(DedupFingerprint Fingerprint, ConsumeContext<LanguageDetected> Message)>();
        foreach (var message in context.Message)
        {
            var document = message.Message;
            if (string.IsNullOrWhiteSpace(document.Content.Text))
            {
                continue;
            }
            try
            {
                pending.Add((DocumentFingerprinter.Compute(document.DocumentId, document.Content.ContentSha256, document.Content.Text), message));
            }
            catch (Exception invalid) when (invalid is ArgumentException or FormatException)
            {
                await FailAloneAsync(message, invalid);
                failed.Add(document.DocumentId);
            }
        }
        var fingerprints = pending.Select(p => p.Fingerprint).ToList();
        var decisions = new Dictionary<Guid, DedupDecision>();
        try
        {
            foreach (var decision in await index.DecideBatchAsync(fingerprints, context.CancellationToken))
            {
                decisions[decision.DocumentId] = decision;
            }
        }
        catch (Exception e) when (fingerprints.Count > 1 && !TransientFailures.IsTransient(e))
        {
            // One document the index refuses must not fail the others with it: decide them one at a time; one that
            // fails alone is reported as that document's fault (storage records it as failed), the rest go on.
            logger.LogWarning("A batch of {Count} documents could not be decided together ({Error}); deciding them one at a time", fingerprints.Count, e.Message);
            foreach (var (fingerprint, message) in pending)
            {
                try
                {
                    decisions[fingerprint.DocumentId] = await index.DecideAsync(fingerprint, context.CancellationToken);
                }
                catch (Exception alone) when (!TransientFailures.IsTransient(alone))
                {
                    await FailAloneAsync(message, alone);
                    failed.Add(fingerprint.DocumentId);
                }
            }
        }

        foreach (var document in context.Message.Select(m => m.Message).Where(d => !failed.Contains(d.DocumentId)))
        {
            var decision = decisions.GetValueOrDefault(document.DocumentId);
            logger.LogInformation("Document {DocumentId} ({FileName}) {Verdict}, story {StoryId}",
                document.DocumentId, document.Source.FileName,
                decision is { IsDuplicate: true } ? $"duplicates {decision.CanonicalId} (similarity {decision.Similarity:0.###})" : "is new",
                decision?.StoryId);
            await context.Publish(new DocumentDeduplicated
            {
                DocumentId = document.DocumentId,
                Source = document.Source,
                Content = document.Content,
                Language = document.Language,
                Duplicate = decision is { IsDuplicate: true }
                    ? new DuplicateMatch { DuplicateOf = decision.CanonicalId, Similarity = decision.Similarity ?? 1.0 }
                    : null,
                StoryId = decision?.StoryId,
                Trail = clock.AppendTo(document.Trail),
            });
        }
    }

    /// <summary>One document of the batch that cannot be decided: it goes where a failing message of a one-at-a-time
    /// consumer goes — a copy to <c>deduplication_error</c> (so <c>aigov replay</c> can send it back once the cause is
    /// fixed) and a <c>Fault&lt;LanguageDetected&gt;</c> (storage records the document as failed) — while the rest of
    /// the batch goes on.</summary>
    private async Task FailAloneAsync(ConsumeContext<LanguageDetected> message, Exception exception)
    {
        logger.LogError("Document {DocumentId} ({FileName}) cannot be deduplicated: {Error}",
            message.Message.DocumentId, message.Message.Source.FileName, exception.Message);
        await message.Forward(new Uri($"queue:{QueueNames.Deduplication}_error"), Pipe.Execute<SendContext<LanguageDetected>>(send =>
        {
            send.Headers.Set("MT-Reason", "fault");
            send.Headers.Set("MT-Fault-ExceptionType", exception.GetType().FullName);
            send.Headers.Set("MT-Fault-Message", exception.Message);
            send.Headers.Set("MT-Fault-Timestamp", DateTime.UtcNow.ToString("O"));
        }));
        await message.NotifyFaulted(TimeSpan.Zero, nameof(DeduplicateDocumentBatchConsumer), exception);
    }
}
