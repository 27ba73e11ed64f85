using AiGov.Contracts;
using AiGov.Infrastructure.Persistence;

namespace AiGov.Storage;

/// <summary>The storage service's start-up warm-up: one built-in finished document mapped and written exactly as a
/// batch would be, then rolled back (<see cref="DocumentStore.WarmUpAsync"/>).</summary>
public static class StorageWarmUp
{
    public static Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var id = Guid.NewGuid();
        var probe = new DocumentDeduplicated
        {
            DocumentId = id,
            Source = new DocumentSource { FileName = "warm-up/probe.txt", RawSha256 = new string('0', 64), SizeBytes = 120, ReceivedAt = now },
            Content = new CleanContent
            {
                Title = "Warm-up probe",
                Text = "Warm-up probe\n\nThe storage service writes this document at start and rolls the transaction back.",
                ContentSha256 = new string('0', 64),
                SourceFormat = "PlainText",
                Encoding = "utf-8",
                Metadata = new DocumentMetadata { PublishedAt = now, Source = "AiGovPipeline", SourceUrl = "https://example.org/warm-up", Author = "AiGovPipeline" },
                RemovedBlocks = [new RemovedBlock { Label = "nav", Text = "Home" }],
            },
            Language = new DetectedLanguage
            {
                Code = "en",
                Confidence = 1,
                Shares = new Dictionary<string, double> { ["en"] = 1 },
                Spans = [new LanguageSpan { Start = 0, Length = 13, Code = "en", Confidence = 1 }],
            },
            StoryId = id,
            Trail = [new StageVisit { Stage = "watcher", Host = Environment.MachineName, StartedAt = now, DurationMs = 0 }],
        };
        return services.GetRequiredService<DocumentStore>().WarmUpAsync(StoredDocument.From(probe, probe.Trail), cancellationToken);
    }
}
