using System.Text.Json;
using AiGov.Contracts;
using AiGov.Infrastructure.Persistence;

namespace AiGov.Storage;

/// <summary>What a finished document becomes in the database (a <see cref="DocumentWrite"/>): its row, the blocks
/// cleaning removed from it and its status trail. Shared by the storage consumer, its warm-up and the pipeline bench's
/// in-process run.</summary>
public static class StoredDocument
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <param name="trail">The message's trail with storage's own visit appended.</param>
    public static DocumentWrite From(DocumentDeduplicated document, IReadOnlyList<StageVisit> trail)
    {
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
        return new DocumentWrite(record, removed, TrailEvents.From(record.Id, trail, record.Status));
    }
}
