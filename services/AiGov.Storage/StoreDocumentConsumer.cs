using AiGov.Contracts;
using AiGov.Infrastructure.Persistence;
using MassTransit;

namespace AiGov.Storage;

/// <summary>Receives the finished document and stores it as <c>stored</c> or <c>duplicate</c>.</summary>
public sealed class StoreDocumentConsumer(DocumentStore store, ILogger<StoreDocumentConsumer> logger) : IConsumer<DocumentDeduplicated>
{
    public async Task Consume(ConsumeContext<DocumentDeduplicated> context)
    {
        var document = context.Message;
        var record = new DocumentRecord
        {
            Id = document.DocumentId,
            FileName = document.Source.FileName,
            RawSha256 = document.Source.RawSha256,
            Status = document.Duplicate is null ? DocumentStatus.Stored : DocumentStatus.Duplicate,
            Title = document.Content.Title,
            CleanText = document.Content.Text,
            ContentSha256 = document.Content.ContentSha256,
            Language = document.Language.Code,
            LanguageConfidence = document.Language.Confidence,
            DuplicateOf = document.Duplicate?.DuplicateOf,
            Similarity = document.Duplicate?.Similarity,
            ReceivedAt = document.Source.ReceivedAt,
        };
        var written = await store.SaveAsync(record, context.CancellationToken);
        logger.LogInformation("Document {DocumentId} ({FileName}) {Outcome} as {Status}",
            record.Id, record.FileName, written ? "saved" : "already saved", record.Status);
    }
}
