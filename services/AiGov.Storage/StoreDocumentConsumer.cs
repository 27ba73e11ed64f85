using System.Text.Json;
using AiGov.Contracts;
using AiGov.Infrastructure.Persistence;
using AiGov.Infrastructure.Telemetry;
using MassTransit;

namespace AiGov.Storage;

/// <summary>Receives the finished document and stores it as <c>stored</c> or <c>duplicate</c>, with its metadata,
/// language parts and the blocks cleaning removed.</summary>
public sealed class StoreDocumentConsumer(DocumentStore store, ILogger<StoreDocumentConsumer> logger) : IConsumer<DocumentDeduplicated>
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public async Task Consume(ConsumeContext<DocumentDeduplicated> context)
    {
        var document = context.Message;
        var clock = StageClock.Start(QueueNames.Storage);
        var content = document.Content;
        var record = new DocumentRecord
        {
            Id = document.DocumentId,
            FileName = document.Source.FileName,
            RawSha256 = document.Source.RawSha256,
            Status = document.Duplicate is null ? DocumentStatus.Stored : DocumentStatus.Duplicate,
            Title = content.Title,
            CleanText = content.Text,
            ContentSha256 = content.ContentSha256,
            Language = document.Language.Code,
            LanguageConfidence = document.Language.Confidence,
            LanguageShares = document.Language.Shares.Count == 0 ? null : JsonSerializer.Serialize(document.Language.Shares, s_json),
            LanguageSpans = document.Language.Spans.Count == 0 ? null : JsonSerializer.Serialize(document.Language.Spans, s_json),
            DuplicateOf = document.Duplicate?.DuplicateOf,
            Similarity = document.Duplicate?.Similarity,
            StoryId = document.StoryId,
            ReceivedAt = document.Source.ReceivedAt,
            PublishedAt = content.Metadata?.PublishedAt,
            Source = content.Metadata?.Source,
            SourceUrl = content.Metadata?.SourceUrl,
            Author = content.Metadata?.Author,
            Revision = document.Source.Revision,
        };
        var removed = content.RemovedBlocks
            .Select((block, i) => new RemovedBlockRecord { DocumentId = record.Id, Ordinal = i, Label = block.Label, Text = block.Text })
            .ToList();

        var events = TrailEvents.From(record.Id, clock.AppendTo(document.Trail), record.Status);
        var written = await store.SaveAsync(record, removed, events, context.CancellationToken);
        logger.LogInformation("Document {DocumentId} ({FileName}) {Outcome} as {Status}",
            record.Id, record.FileName, written ? "saved" : "already saved", record.Status);
    }
}
