using System.Text.Json;
using AiGov.Contracts;
using Spectre.Console;

namespace AiGov.Cli;

/// <summary>What each command prints. Kept apart from argument parsing so tests can call it with a recording console.</summary>
public sealed class Commands(DocumentQueries queries, Func<QueueMonitor> queues, IAnsiConsole console, TextWriter output)
{
    private static readonly JsonSerializerOptions s_jsonLines = new() { WriteIndented = false };

    public DocumentQueries Queries => queries;

    public Task<int> StatusAsync(CancellationToken ct) => StatusAsync(null, ct);

    /// <summary>Counts, queues, the last errors, and the files the watcher left in the inbox under
    /// <paramref name="dataRoot"/> (not shown when null).</summary>
    public async Task<int> StatusAsync(string? dataRoot, CancellationToken ct)
    {
        var counts = await queries.CountsAsync(ct);
        var byStatus = new Table().Title("Documents").AddColumns("status", "language", "count");
        foreach (var count in counts)
        {
            byStatus.AddRow(count.Status, count.Language ?? "-", count.Count.ToString("N0"));
        }
        byStatus.AddRow("[bold]total[/]", "", $"[bold]{counts.Sum(c => c.Count):N0}[/]");
        console.Write(byStatus);

        try
        {
            using var monitor = queues();
            var table = new Table().Title("Queues").AddColumns("queue", "ready", "unacked", "consumers");
            foreach (var queue in await monitor.QueuesAsync(ct))
            {
                table.AddRow(Markup.Escape(queue.Name), queue.Ready.ToString("N0"), queue.Unacknowledged.ToString("N0"), queue.Consumers.ToString());
            }
            console.Write(table);
        }
        catch (HttpRequestException e)
        {
            console.MarkupLineInterpolated($"[yellow]Queues unknown: the RabbitMQ management API did not answer ({e.Message}). Is scripts/up.sh running?[/]");
        }

        var errors = await queries.RecentErrorsAsync(5, ct);
        if (errors.Count > 0)
        {
            var table = new Table().Title("Last errors").AddColumns("when", "file", "status", "error");
            foreach (var error in errors)
            {
                table.AddRow(error.StoredAt.ToString("u"), Markup.Escape(error.FileName), error.Status, Markup.Escape(Shorten(error.Error, 100)));
            }
            console.Write(table);
        }
        var unreadable = await queries.UnreadableCountsAsync(ct);
        if (unreadable.Count > 0)
        {
            console.MarkupLineInterpolated($"[yellow]Messages no stage could read: {unreadable.Sum(u => u.Count):N0} ({unreadable.Sum(u => u.WithoutDocument):N0} named no document, so no row shows them). They wait in <queue>_error: fix their publisher, then 'aigov replay <queue>' or purge the queue.[/]");
            var table = new Table().Title("Unreadable messages").AddColumns("queue", "count", "naming no document", "last");
            foreach (var count in unreadable)
            {
                table.AddRow(Markup.Escape(count.Queue), count.Count.ToString("N0"), count.WithoutDocument.ToString("N0"), count.Last.ToString("u"));
            }
            console.Write(table);
        }
        if (dataRoot is not null)
        {
            WriteStuckFiles(dataRoot);
        }
        return 0;
    }

    /// <summary>The files the watcher published but could not move out of the inbox, and left there.</summary>
    private void WriteStuckFiles(string dataRoot)
    {
        var path = Path.Combine(dataRoot, StuckFiles.FileName);
        List<StuckFile>? files;
        try
        {
            files = File.Exists(path) ? JsonSerializer.Deserialize<List<StuckFile>>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            console.MarkupLineInterpolated($"[yellow]Cannot read the watcher's list of files left in the inbox ({path}): {e.Message}[/]");
            return;
        }
        if (files is not { Count: > 0 })
        {
            return;
        }
        var table = new Table().Title($"Files left in the inbox: {files.Count} (published, but they cannot be moved out; fix and touch them)")
            .AddColumns("file", "tries", "since", "last error");
        foreach (var file in files)
        {
            table.AddRow(Markup.Escape(file.FileName), file.Attempts.ToString(), file.Since.ToString("u"), Markup.Escape(Shorten(file.Error, 100)));
        }
        console.Write(table);
    }

    public async Task<int> ShowAsync(string idOrFileName, CancellationToken ct)
    {
        var documents = await queries.FindAsync(idOrFileName, ct);
        if (documents.Count == 0)
        {
            console.MarkupLineInterpolated($"[red]No document with id or file name '{idOrFileName}'.[/] File names are relative to the inbox, e.g. 'news/a.txt'.");
            return 1;
        }
        foreach (var document in documents)
        {
            var id = (Guid)document["id"]!;
            var grid = new Grid().AddColumn().AddColumn();
            foreach (var (column, value) in document.Where(d => d.Key is not ("clean_text" or "search_vector")))
            {
                grid.AddRow(column, Markup.Escape(Format(value)));
            }
            var text = document["clean_text"] as string ?? "";
            grid.AddRow("clean_text", Markup.Escape($"{text.Length:N0} characters: {Shorten(text, 300)}"));
            console.Write(new Panel(grid).Header(Markup.Escape(document["file_name"]?.ToString() ?? id.ToString())));

            var trail = await queries.TrailAsync(id, ct);
            if (trail.Count > 0)
            {
                var table = new Table().Title("Trail").AddColumns("stage", "outcome", "started", "ms", "host", "detail");
                foreach (var visit in trail)
                {
                    table.AddRow(visit.Stage, visit.Outcome, visit.StartedAt.ToString("HH:mm:ss.fff"), visit.DurationMs.ToString("0.0"),
                        Markup.Escape(visit.Host), Markup.Escape(Shorten(visit.Detail ?? "", 60)));
                }
                console.Write(table);
            }
            foreach (var duplicate in await queries.DuplicatesOfAsync(id, ct))
            {
                console.MarkupLineInterpolated($"duplicated by {duplicate.Id} ({duplicate.FileName}), similarity {duplicate.Similarity:0.###}");
            }
            foreach (var (label, removed) in await queries.RemovedBlocksAsync(id, ct))
            {
                console.MarkupLineInterpolated($"removed [grey]{label}[/]: {Shorten(removed, 120)}");
            }
        }
        return 0;
    }

    public async Task<int> SearchAsync(string words, int limit, CancellationToken ct)
    {
        var hits = await queries.SearchAsync(words, limit, ct);
        if (hits.Count == 0)
        {
            console.MarkupLineInterpolated($"No document contains '{words}'.");
            return 0;
        }
        var table = new Table().AddColumns("rank", "file", "title", "snippet");
        foreach (var hit in hits)
        {
            table.AddRow(hit.Rank.ToString("0.000"), Markup.Escape(hit.FileName), Markup.Escape(hit.Title ?? ""), Markup.Escape(hit.Snippet.ReplaceLineEndings(" ")));
        }
        console.Write(table);
        return 0;
    }

    /// <summary>One JSON object per line on standard output; progress goes to the console (standard error).</summary>
    public async Task<int> ExportAsync(DateTimeOffset? since, string? status, CancellationToken ct)
    {
        var count = 0;
        await foreach (var row in queries.ExportAsync(since, status, ct))
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(row, s_jsonLines));
            if (++count % 1000 == 0)
            {
                console.MarkupLineInterpolated($"[grey]exported {count:N0} documents…[/]");
            }
        }
        await output.FlushAsync(ct);
        console.MarkupLineInterpolated($"[grey]exported {count:N0} documents[/]");
        return 0;
    }

    private static string Format(object? value) => value switch
    {
        null => "-",
        DateTime d => d.ToString("u"),
        DateTimeOffset d => d.ToString("u"),
        JsonElement json => json.GetRawText(),
        _ => value.ToString() ?? "",
    };

    private static string Shorten(string text, int length)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= length ? oneLine : oneLine[..length] + "…";
    }
}
