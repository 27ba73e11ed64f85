using System.Text.Json;
using AiGov.Contracts;
using AiGov.Infrastructure.Resilience;
using MassTransit;

namespace AiGov.Watcher;

/// <summary>Turns one inbox file into one message: publish (confirmed by the broker), then move the file out of the
/// inbox. A crash between the two leaves the file in the inbox; it is published again under the same document id,
/// which every stage treats as a redelivery.</summary>
public sealed class FileIngestor(FileAdmitter admitter, InboxLayout layout, IBus bus, TimeProvider clock, ILogger<FileIngestor> logger)
{
    private static readonly JsonSerializerOptions s_sidecarJson = new() { WriteIndented = true };

    private readonly Polly.ResiliencePipeline _publishRetry = RetryForever.Create(logger, "RabbitMQ (publishing)");

    public async Task IngestAsync(string path, CancellationToken cancellationToken)
    {
        var admission = await admitter.AdmitAsync(path, cancellationToken);
        if (admission is null)
        {
            return;
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
            case Accepted accepted:
                await PublishAsync(new DocumentArrived { DocumentId = accepted.DocumentId, Source = source, Content = accepted.Content }, cancellationToken);
                var processedPath = MoveOut(path, layout.Processed, accepted.DocumentId);
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
                }, cancellationToken);
                var failedPath = MoveOut(path, layout.Failed, refused.DocumentId);
                await WriteSidecarAsync(failedPath, refused, source.ReceivedAt);
                logger.LogWarning("Document {DocumentId} ({FileName}) rejected: {Reason}: {Detail}",
                    refused.DocumentId, refused.RelativeName, refused.Reason, refused.Detail);
                break;
        }
    }

    private Task PublishAsync<T>(T message, CancellationToken cancellationToken) where T : class =>
        _publishRetry.ExecuteAsync(async ct => await bus.Publish(message, ct), cancellationToken).AsTask();

    /// <summary>Moves the file to the same relative place under <paramref name="destinationRoot"/>; a name taken by
    /// an earlier drop gets the document id added, so nothing is ever overwritten.</summary>
    private string MoveOut(string path, string destinationRoot, Guid documentId)
    {
        var relative = Path.GetRelativePath(layout.Inbox, path);
        var destination = Path.Combine(destinationRoot, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        if (File.Exists(destination) || Directory.Exists(destination))
        {
            var stem = Path.Combine(Path.GetDirectoryName(destination)!, Path.GetFileNameWithoutExtension(destination));
            destination = $"{stem}.{documentId.ToString("N")[..12]}{Path.GetExtension(destination)}";
        }
        File.Move(path, destination, overwrite: false);
        return destination;
    }

    private static async Task WriteSidecarAsync(string failedPath, Refused refused, DateTimeOffset at)
    {
        var sidecar = new { reason = refused.Reason, detail = refused.Detail, at = at.ToString("O") };
        await File.WriteAllTextAsync(failedPath + ".error.json", JsonSerializer.Serialize(sidecar, s_sidecarJson));
    }
}
