using System.Text.Json;
using AiGov.Contracts;
using MassTransit;
using MassTransit.Serialization;

namespace AiGov.Infrastructure.Messaging;

/// <summary>
/// Builds System.Text.Json's metadata for the pipeline's messages before the first real one arrives. MassTransit
/// creates it lazily, on a service's first message of each type: traced with dotnet-trace on a freshly started stack,
/// that was 180–440 ms of each worker's first message (docs/PERFORMANCE.md, "First message after a start").
/// </summary>
public static class MessageSerializationWarmUp
{
    /// <summary>Writes <paramref name="message"/> in MassTransit's JSON envelope and reads it back through
    /// MassTransit's own deserializer, as a receive endpoint would; returns the copy that was read.</summary>
    public static T RoundTrip<T>(T message)
        where T : class
    {
        var envelope = new Dictionary<string, object?>
        {
            ["messageId"] = NewId.NextGuid(),
            ["messageType"] = new[] { MessageUrn.ForTypeString<T>() },
            ["message"] = message,
            ["headers"] = new Dictionary<string, object?>(),
            ["sentTime"] = DateTime.UtcNow,
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(envelope, SystemTextJsonMessageSerializer.Options);
        var context = SystemTextJsonMessageSerializer.Instance.Deserialize(new BytesMessageBody(body), EmptyHeaders.Instance);
        return context.TryGetMessage<T>(out var copy) && copy is not null
            ? copy
            : throw new InvalidOperationException($"the warm-up {typeof(T).Name} did not survive a round trip through MassTransit's serializer");
    }
}

/// <summary>One example document as each stage's message, every field set, so that a warm-up touches the metadata of
/// every contract type (the text says what it is, should it ever be seen).</summary>
public static class WarmUpMessages
{
    private const string Text = "Warm-up probe\n\nA built-in example a service serialises at start; it is never published or stored.";

    public static DocumentArrived Arrived()
    {
        var now = DateTimeOffset.UtcNow;
        return new DocumentArrived
        {
            DocumentId = Guid.NewGuid(),
            Source = new DocumentSource { FileName = "warm-up/probe.txt", RawSha256 = new string('0', 64), SizeBytes = Text.Length, ReceivedAt = now, Revision = 0 },
            Content = System.Text.Encoding.UTF8.GetBytes(Text),
            Trail = [new StageVisit { Stage = "watcher", Host = Environment.MachineName, StartedAt = now, DurationMs = 0 }],
        };
    }

    public static DocumentCleaned Cleaned()
    {
        var arrived = Arrived();
        return new DocumentCleaned
        {
            DocumentId = arrived.DocumentId,
            Source = arrived.Source,
            Content = new CleanContent
            {
                Title = "Warm-up probe",
                Text = Text,
                ContentSha256 = new string('0', 64),
                SourceFormat = "PlainText",
                Encoding = "utf-8",
                Metadata = new DocumentMetadata { PublishedAt = arrived.Source.ReceivedAt, Source = "AiGovPipeline", SourceUrl = "https://example.org/warm-up", Author = "AiGovPipeline" },
                RemovedBlocks = [new RemovedBlock { Label = "nav", Text = "Home" }],
            },
            Trail = arrived.Trail,
        };
    }

    public static LanguageDetected Detected()
    {
        var cleaned = Cleaned();
        var language = new DetectedLanguage
        {
            Code = "en",
            Confidence = 1,
            Shares = new Dictionary<string, double> { ["en"] = 1 },
            Spans = [new LanguageSpan { Start = 0, Length = 13, Code = "en", Confidence = 1 }],
        };
        return new LanguageDetected { DocumentId = cleaned.DocumentId, Source = cleaned.Source, Content = cleaned.Content, Language = language, Trail = cleaned.Trail };
    }

    public static DocumentDeduplicated Deduplicated()
    {
        var detected = Detected();
        return new DocumentDeduplicated
        {
            DocumentId = detected.DocumentId, Source = detected.Source, Content = detected.Content, Language = detected.Language, Trail = detected.Trail,
            Duplicate = new DuplicateMatch { DuplicateOf = Guid.NewGuid(), Similarity = 1 },
            StoryId = detected.DocumentId,
        };
    }

    public static DocumentRejected Rejected()
    {
        var arrived = Arrived();
        return new DocumentRejected { DocumentId = arrived.DocumentId, Source = arrived.Source, Reason = "empty", Detail = "warm-up probe", Trail = arrived.Trail };
    }
}
