using AiGov.Contracts;
using AiGov.Infrastructure.Persistence;
using MassTransit;

namespace AiGov.Deduplicator;

/// <summary>Receives a document with its language, decides whether its text was seen before, publishes the verdict.</summary>
public sealed class DeduplicateDocumentConsumer(ExactDuplicateIndex index, ILogger<DeduplicateDocumentConsumer> logger) : IConsumer<LanguageDetected>
{
    public async Task Consume(ConsumeContext<LanguageDetected> context)
    {
        var document = context.Message;
        DuplicateMatch? duplicate = null;

        // A document with no text left after cleaning is nobody's duplicate: every empty page would otherwise
        // collapse into the first one.
        if (!string.IsNullOrWhiteSpace(document.Content.Text))
        {
            var canonical = await index.ClaimAsync(document.Content.ContentSha256, document.DocumentId, context.CancellationToken);
            if (canonical != document.DocumentId)
            {
                duplicate = new DuplicateMatch { DuplicateOf = canonical, Similarity = 1.0 };
            }
        }

        logger.LogInformation("Document {DocumentId} ({FileName}) {Verdict}",
            document.DocumentId, document.Source.FileName, duplicate is null ? "is new" : $"duplicates {duplicate.DuplicateOf}");

        await context.Publish(new DocumentDeduplicated
        {
            DocumentId = document.DocumentId,
            Source = document.Source,
            Content = document.Content,
            Language = document.Language,
            Duplicate = duplicate,
        });
    }
}
