using System.Text.Json;
using AiGov.Contracts;
using AiGov.Infrastructure.Resilience;
using AiGov.Infrastructure.Telemetry;
using MassTransit;

namespace AiGov.Watcher;

/// <summary>What became of one path handed to the ingestor.</summary>
public enum IngestOutcome
{
    /// <summary>Published and moved out of the inbox (or gone before it was read).</summary>
    Done,

    /// <summary>Still being written: left in the inbox, to be tried again.</summary>
    NotReady,
}

/// <summary>Turns one inbox file into one message: publish (confirmed by the broker), then move the file out of the
/// inbox. A crash between the two leaves the file in the inbox; it is published again under the same document id,
/// which every stage treats as a redelivery.</summary>
public sealed class FileIngestor(FileAdmitter admitter, InboxLayout layout, IBus bus, TimeProvider clock, ILogger<FileIngestor> logger)
{
    private static readonly JsonSerializerOptions s_sidecarJson = new() { WriteIndented = true };

    private readonly Polly.ResiliencePipeline _publishRetry = RetryForever.Create(logger, "RabbitMQ (publishing)");

    /// <summary>For a file already found completely written (<see cref="FileAdmitter.WaitUntilWrittenAsync"/>).</summary>
    public async Task<IngestOutcome> IngestAsync(string path, CancellationToken cancellationToken)
    {
        var stageClock = StageClock.Start("watcher");
        // The linked folder is an entry of its own (refused as a link); what lies behind it is not the inbox's, and
        // moving it would take it from where the link leads.
        if (layout.LinkedFolderOnTheWay(path) is { } linkedFolder)
        {
            logger.LogDebug("Skipping {Path}: it lies behind the linked folder {Folder}", path, linkedFolder);
            return IngestOutcome.Done;
        }
        var admission = await admitter.AdmitWrittenAsync(path, cancellationToken);
        if (admission is null)
        {
            return IngestOutcome.Done;
        }
        var source = new DocumentSource
        {
            FileName = admission.RelativeName,
            RawSha256 = admission.RawSha256 ?? string.Empty,
            SizeBytes = admission.Size,
            ReceivedAt = clock.GetUtcNow(),
        };

        switch (admission)
        {
            case StillBeingWritten notReady:
                logger.LogDebug("{FileName} is still being written ({Why}); tried again later", notReady.RelativeName, notReady.Why);
                return IngestOutcome.NotReady;
            case Accepted accepted:
                await PublishAsync(new DocumentArrived
                {
                    DocumentId = accepted.DocumentId,
                    Source = source,
                    Content = accepted.Content,
                    Trail = stageClock.AppendTo([]),
                }, cancellationToken);
                var processedPath = OutboxPlacement.Place(layout.Processed, RelativePath(path), accepted.DocumentId, withSidecar: false);
                MoveEntry(path, processedPath);
                logger.LogInformation("Document {DocumentId} ({FileName}) published, {Bytes} bytes; moved to {Path}",
                    accepted.DocumentId, accepted.RelativeName, accepted.Size, processedPath);
                break;
            case Refused refused:
                await PublishAsync(new DocumentRejected
                {
                    DocumentId = refused.DocumentId,
                    Source = source,
                    Reason = refused.Reason,
                    Detail = refused.Detail,
                    Trail = stageClock.AppendTo([]),
                }, cancellationToken);
                var failedPath = OutboxPlacement.Place(layout.Failed, RelativePath(path), refused.DocumentId, withSidecar: true);
                // Sidecar first: a crash before the move leaves the file in the inbox, and its retry writes the
                // sidecar again; the other order could leave a refused file without its reason.
                await WriteSidecarAsync(failedPath, refused, source.ReceivedAt);
                MoveEntry(path, failedPath);
                logger.LogWarning("Document {DocumentId} ({FileName}) rejected: {Reason}: {Detail}",
                    refused.DocumentId, refused.RelativeName, refused.Reason, refused.Detail);
                break;
        }
        return IngestOutcome.Done;
    }

    /// <summary>Renames the entry itself, through its folder opened without following links
    /// (<see cref="InboxEntry.Move"/>): a link (also one to a folder) moves as a link, its target stays where it is,
    /// and a folder swapped for a link since the file was read is never moved through.</summary>
    private void MoveEntry(string source, string destination) => InboxEntry.Move(layout.Inbox, RelativePath(source), destination);

    private string RelativePath(string path) => Path.GetRelativePath(layout.Inbox, path);

    private Task PublishAsync<T>(T message, CancellationToken cancellationToken) where T : class =>
        _publishRetry.ExecuteAsync(async ct => await bus.Publish(message, ct), cancellationToken).AsTask();

    private static async Task WriteSidecarAsync(string failedPath, Refused refused, DateTimeOffset at)
    {
        var sidecar = new { reason = refused.Reason, detail = refused.Detail, at = at.ToString("O") };
        await File.WriteAllTextAsync(failedPath + OutboxPlacement.SidecarSuffix, JsonSerializer.Serialize(sidecar, s_sidecarJson));
    }
}
