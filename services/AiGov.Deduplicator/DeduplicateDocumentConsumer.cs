using AiGov.Contracts;
using AiGov.Infrastructure.Persistence;
using AiGov.Infrastructure.Telemetry;
using MassTransit;

namespace AiGov.Deduplicator;

/// <summary>Receives a document with its language, asks the index whether its text (or nearly its text) was seen
/// before and which story it belongs to, publishes the verdict.</summary>
public sealed class DeduplicateDocumentConsumer(NearDuplicateIndex index, ILogger<DeduplicateDocumentConsumer> logger) : IConsumer<LanguageDetected>
{
    public async Task Consume(ConsumeContext<LanguageDetected> context)
    {
        var document = context.Message;
        var clock = StageClock.Start(QueueNames.Deduplication);
        DedupDecision? decision = null;

        // A document with no text left after cleaning is nobody's duplicate: every empty page would otherwise
        // collapse into the first one.
        if (!string.IsNullOrWhiteSpace(document.Content.Text))
        {
            var fingerprint = DocumentFingerprinter.Compute(document.DocumentId, document.Content.ContentSha256, document.Content.Text);
            decision = await index.DecideAsync(fingerprint, context.CancellationToken);
        }

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
