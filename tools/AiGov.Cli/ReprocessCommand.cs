using AiGov.Contracts;
using MassTransit;
using RabbitMQ.Client.Exceptions;
using Spectre.Console;

namespace AiGov.Cli;

/// <summary>What <c>aigov reprocess</c> re-runs: explicit ids, or every document with a status and/or received
/// since a time (at least one of them, or <c>--all</c>).</summary>
public sealed record ReprocessSelection(IReadOnlyCollection<Guid> Ids, string? Status, DateTimeOffset? Since, bool All, int? Limit)
{
    public bool IsEmpty => Ids.Count == 0 && Status is null && Since is null && !All;
}

/// <summary>`aigov reprocess`: sends stored documents through the pipeline again from a chosen stage, after a fix
/// to that stage (or a later one). Each document goes as the message the previous stage would have sent, with the
/// stored row's revision plus one; storage then replaces the row. From <c>cleaning</c> the original bytes are read
/// from <c>processed/</c> and checked against <c>raw_sha256</c>.</summary>
public sealed class ReprocessCommand(CliSettings settings, DocumentQueries queries, string dataRoot, IAnsiConsole console)
{
    private readonly ProcessedFolder _processed = new(dataRoot);

    public async Task<int> RunAsync(string from, ReprocessSelection selection, bool dryRun, CancellationToken ct)
    {
        if (!ReprocessMessages.Stages.Contains(from))
        {
            console.MarkupLineInterpolated($"[red]unknown stage '{from}'[/]: --from takes one of {string.Join(", ", ReprocessMessages.Stages)}");
            return 1;
        }
        if (selection.IsEmpty)
        {
            console.MarkupLine("[red]nothing selected[/]: give document ids, --status, --since, or --all to re-run every document");
            return 1;
        }
        var rows = await queries.ReprocessSourcesAsync(selection.Ids, selection.Status, selection.Since, selection.Limit, ct);
        var missing = selection.Ids.Except(rows.Select(r => r.Id)).ToList();
        foreach (var id in missing)
        {
            console.MarkupLineInterpolated($"[yellow]skipped {id}: no such document[/]");
        }

        var now = DateTimeOffset.UtcNow;
        var ready = new List<(ReprocessSource Row, object Message)>();
        foreach (var row in rows)
        {
            byte[]? raw = null;
            if (from == QueueNames.Cleaning)
            {
                if (_processed.PathOf(row.FileName) is not { } processedPath)
                {
                    console.MarkupLineInterpolated($"[yellow]skipped {row.Id} ({row.FileName}): the name leads outside processed/ (a rooted path, '..' or a symbolic link), so nothing is read for it[/]");
                    continue;
                }
                raw = row.RawSha256 is null ? null : await ReadProcessedAsync(row, processedPath, ct);
            }
            var (message, refusal) = ReprocessMessages.Build(row, from, raw, Environment.MachineName, now);
            if (message is null)
            {
                console.MarkupLineInterpolated($"[yellow]skipped {row.Id} ({row.FileName}): {refusal}[/]");
                continue;
            }
            ready.Add((row, message));
        }
        var skipped = rows.Count - ready.Count + missing.Count;
        if (dryRun)
        {
            if (ready.Count > 0)
            {
                var table = new Table().AddColumns("document id", "file", "status", "revision");
                foreach (var (row, _) in ready)
                {
                    table.AddRow(row.Id.ToString(), Markup.Escape(row.FileName), row.Status, $"{row.Revision} → {row.Revision + 1}");
                }
                console.Write(table);
            }
            console.MarkupLineInterpolated($"reprocess: dry run, would send {ready.Count} document(s) to {from} ({skipped} skipped); nothing sent");
            return 0;
        }
        if (ready.Count == 0)
        {
            console.MarkupLineInterpolated($"reprocess: nothing to send to {from} ({skipped} skipped)");
            return rows.Count == 0 && missing.Count == 0 ? 0 : 1;
        }
        return await SendAsync(from, ready, skipped, ct);
    }

    private async Task<int> SendAsync(string from, List<(ReprocessSource Row, object Message)> ready, int skipped, CancellationToken ct)
    {
        // A bus of its own, only to send: the send endpoint is the stage's exchange, which MassTransit binds to the
        // stage queue (whatever kind of queue that is), and sends are confirmed by the broker.
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(settings.RabbitHost, (ushort)settings.AmqpPort, settings.VirtualHost, host =>
            {
                host.Username(settings.RabbitUser);
                host.Password(settings.RabbitPassword);
                host.PublisherConfirmation = true;
                host.RequestedConnectionTimeout(TimeSpan.FromSeconds(5));
            });
        });
        var sent = 0;
        try
        {
            using var startTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            startTimeout.CancelAfter(TimeSpan.FromSeconds(15));
            await bus.StartAsync(startTimeout.Token);
            var endpoint = await bus.GetSendEndpoint(new Uri($"exchange:{from}"));
            await console.Progress().AutoClear(false).StartAsync(async progress =>
            {
                var task = progress.AddTask($"reprocess → {Markup.Escape(from)}", maxValue: ready.Count);
                foreach (var (_, message) in ready)
                {
                    await endpoint.Send(message, message.GetType(), ct);
                    sent++;
                    task.Increment(1);
                }
            });
        }
        catch (Exception e) when (e is OperationCanceledException or RabbitMqConnectionException or BrokerUnreachableException && !ct.IsCancellationRequested)
        {
            console.MarkupLineInterpolated($"[red]cannot reach {settings.DescribeRabbitMq()}: {e.GetBaseException().Message} — is scripts/up.sh running? {sent} of {ready.Count} document(s) were sent.[/]");
            return 2;
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
        console.MarkupLineInterpolated($"reprocess: sent {sent} document(s) to {from} ({skipped} skipped); watch them with `aigov status` and `aigov show <id>`");
        return 0;
    }

    /// <summary>The file the row was made from: <c>processed/&lt;file_name&gt;</c>, or, when that name was taken by an
    /// earlier drop, the watcher's tagged name (<c>name.&lt;first 12 hex digits of the id&gt;.ext</c>) beside it; the
    /// one whose SHA-256 matches wins. Nothing outside <c>processed/</c> is read, and no symbolic link is followed
    /// (<paramref name="exact"/> is checked by <see cref="ProcessedFolder.PathOf"/>, the tagged names here).</summary>
    private static async Task<byte[]?> ReadProcessedAsync(ReprocessSource row, string exact, CancellationToken ct)
    {
        var folder = Path.GetDirectoryName(exact)!;
        var tag = row.Id.ToString("N")[..12];
        var candidates = new List<string>();
        if (File.Exists(exact))
        {
            candidates.Add(exact);
        }
        if (Directory.Exists(folder))
        {
            candidates.AddRange(Directory.EnumerateFiles(folder, $"*.{tag}*").Where(f => !f.EndsWith(".error.json", StringComparison.Ordinal)));
        }
        byte[]? first = null;
        foreach (var candidate in candidates.Where(candidate => !ProcessedFolder.IsLink(candidate)))
        {
            var bytes = await File.ReadAllBytesAsync(candidate, ct);
            if (Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)) == row.RawSha256)
            {
                return bytes;
            }
            first ??= bytes;
        }
        return first;
    }
}
