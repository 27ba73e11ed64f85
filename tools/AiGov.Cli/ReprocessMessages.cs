using System.Security.Cryptography;
using System.Text.Json;
using AiGov.Contracts;

namespace AiGov.Cli;

/// <summary>Rebuilds, from a stored row, the message the stage before <c>from</c> would have sent, with the row's
/// revision plus one: storage replaces the row with the new pass, while a redelivered copy of the same reprocess
/// message (same revision) changes nothing.</summary>
public static class ReprocessMessages
{
    /// <summary>The stages a document can be re-run from, in pipeline order.</summary>
    public static readonly IReadOnlyList<string> Stages = QueueNames.All;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>The message for queue <paramref name="from"/>, or the reason this document cannot be re-run from
    /// there. <paramref name="rawBytes"/> (the file under <c>processed/</c>) is needed only from cleaning.</summary>
    public static (object? Message, string? Refusal) Build(ReprocessSource row, string from, byte[]? rawBytes, string host, DateTimeOffset now)
    {
        if (row.Status == "rejected")
        {
            return (null, "rejected by the watcher (it never entered the pipeline): fix the file and drop it again");
        }
        var trail = TrailBefore(row, from, host, now);
        if (from == QueueNames.Cleaning)
        {
            if (row.RawSha256 is null)
            {
                return (null, "the row has no raw_sha256, so no file can be checked to be its original: re-run it from a later stage, or drop the file again");
            }
            if (rawBytes is null)
            {
                return (null, $"the original file is not under processed/{row.FileName} (moved or deleted?): re-run it from a later stage, or drop it again");
            }
            var sha = Convert.ToHexStringLower(SHA256.HashData(rawBytes));
            if (sha != row.RawSha256)
            {
                return (null, $"processed/{row.FileName} is not the file it was made from (SHA-256 {sha[..12]}…, stored {row.RawSha256[..12]}…)");
            }
            return (new DocumentArrived { DocumentId = row.Id, Source = Source(row, rawBytes.Length), Content = rawBytes, Trail = trail }, null);
        }
        if (row.CleanText is null || row.ContentSha256 is null)
        {
            return (null, $"no clean text stored (status {row.Status}): re-run it --from {QueueNames.Cleaning}");
        }
        var content = Content(row);
        if (from == QueueNames.LanguageDetection)
        {
            return (new DocumentCleaned { DocumentId = row.Id, Source = Source(row, 0), Content = content, Trail = trail }, null);
        }
        if (row.Language is null || row.LanguageConfidence is null)
        {
            return (null, $"no language stored: re-run it --from {QueueNames.LanguageDetection}");
        }
        var language = Language(row);
        if (from == QueueNames.Deduplication)
        {
            return (new LanguageDetected { DocumentId = row.Id, Source = Source(row, 0), Content = content, Language = language, Trail = trail }, null);
        }
        if (from == QueueNames.Storage)
        {
            return (new DocumentDeduplicated
            {
                DocumentId = row.Id,
                Source = Source(row, 0),
                Content = content,
                Language = language,
                Duplicate = row.DuplicateOf is { } of ? new DuplicateMatch { DuplicateOf = of, Similarity = row.Similarity ?? 1.0 } : null,
                StoryId = row.StoryId,
                Trail = trail,
            }, null);
        }
        throw new ArgumentException($"unknown stage '{from}'; one of: {string.Join(", ", Stages)}", nameof(from));
    }

    private static DocumentSource Source(ReprocessSource row, long sizeBytes) => new()
    {
        FileName = row.FileName,
        RawSha256 = row.RawSha256 ?? "",
        SizeBytes = sizeBytes,
        ReceivedAt = row.ReceivedAt,
        Revision = row.Revision + 1,
    };

    private static CleanContent Content(ReprocessSource row) => new()
    {
        Title = row.Title,
        Text = row.CleanText!,
        ContentSha256 = row.ContentSha256!,
        SourceFormat = FormatOf(row.FileName),
        // The stored clean text is already Unicode: nothing is decoded again after cleaning.
        Encoding = "utf-8",
        Metadata = row is { PublishedAt: null, Source: null, SourceUrl: null, Author: null } ? null
            : new DocumentMetadata { PublishedAt = row.PublishedAt, Source = row.Source, SourceUrl = row.SourceUrl, Author = row.Author },
        RemovedBlocks = [.. row.RemovedBlocks.Select(b => new RemovedBlock { Label = b.Label, Text = b.Text })],
    };

    private static DetectedLanguage Language(ReprocessSource row) => new()
    {
        Code = row.Language!,
        Confidence = row.LanguageConfidence!.Value,
        Shares = row.LanguageShares is null ? new Dictionary<string, double>() : JsonSerializer.Deserialize<Dictionary<string, double>>(row.LanguageShares, s_json)!,
        Spans = row.LanguageSpans is null ? [] : JsonSerializer.Deserialize<List<LanguageSpan>>(row.LanguageSpans, s_json)!,
    };

    /// <summary>The stored visits of the stages before <paramref name="from"/> (the watcher's included), then the
    /// reprocess itself, so the new trail shows both the first pass and the re-run.</summary>
    private static List<StageVisit> TrailBefore(ReprocessSource row, string from, string host, DateTimeOffset now)
    {
        var earlier = Stages.TakeWhile(s => s != from).ToHashSet();
        var kept = row.Trail
            .Where(v => v.Stage is "watcher" or "reprocess" || earlier.Contains(v.Stage))
            .Select(v => new StageVisit { Stage = v.Stage, Host = v.Host, StartedAt = v.StartedAt, DurationMs = v.DurationMs });
        return [.. kept, new StageVisit { Stage = "reprocess", Host = host, StartedAt = now, DurationMs = 0 }];
    }

    private static string FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".html" or ".htm" => "html",
        ".md" or ".markdown" => "markdown",
        ".pdf" => "pdf",
        ".docx" => "docx",
        _ => "plain_text",
    };
}
