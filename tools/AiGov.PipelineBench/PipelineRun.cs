using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace AiGov.PipelineBench;

public sealed record StageResult(string Stage, long Documents, double DocsPerSecond, double MeanMs, double P99Ms, double BusyShare);

public sealed record MemoryResult(string Name, double PeakRssMb, double PeakPssMb);

/// <summary>CPU time a process group used from the first drop to the last row.</summary>
public sealed record CpuResult(string Name, double Seconds, double MsPerDocument);

public sealed record PipelineResult
{
    public required int Documents { get; init; }
    public required double SteadyRate { get; init; }
    public required long Rows { get; init; }
    public required long DistinctFiles { get; init; }
    public required long Lost { get; init; }
    public required long Doubled { get; init; }
    public required Dictionary<string, long> ByStatus { get; init; }
    public required double DropSeconds { get; init; }
    public required double ElapsedSeconds { get; init; }
    public required double DocsPerSecond { get; init; }
    public required double P50Ms { get; init; }
    public required double P95Ms { get; init; }
    public required double P99Ms { get; init; }
    public required double MaxMs { get; init; }
    public required List<StageResult> Stages { get; init; }
    public required Dictionary<string, long> MaxQueueDepth { get; init; }
    public required List<MemoryResult> Memory { get; init; }
    public required double PeakStackPssMb { get; init; }
    public required double PeakStackRssMb { get; init; }
    public List<CpuResult> Cpu { get; init; } = [];
    public int WarmupDocuments { get; init; }

    /// <summary>The machine's 1-minute load average over the run (2 cores: above 2, others were competing).</summary>
    public double MeanLoadAverage { get; init; }
}

/// <summary>Generates the articles, drops them into the inbox of a running stack, follows rows, queues and memory
/// once a second until every file is a row (or nothing moved for <c>--stall-seconds</c>), then measures from the
/// database: throughput from the first drop to the last row, latency received_at → stored_at, per-stage throughput
/// from the status trail (<c>document_events</c>).</summary>
public static class PipelineRun
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private static readonly string[] s_stageOrder = ["watcher", "cleaning", "language-detection", "deduplication", "storage"];

    public static async Task<int> RunAsync(Arguments args)
    {
        var distinct = args.Int("documents", 10_000);
        var steady = args.Double("steady", 0);
        var seconds = args.Int("seconds", 60);
        if (steady > 0)
        {
            // The rate counts every file, duplicates included.
            distinct = Math.Max(1, (int)Math.Round(steady * seconds / 1.1));
        }
        var dataRoot = args.Text("data-root");
        var connectionString = args.Text("postgres");
        var management = new Uri(args.Text("management").TrimEnd('/') + "/api/");
        var vhost = args.Text("vhost", "/");
        var outDir = args.Text("out");
        var stallSeconds = args.Int("stall-seconds", 120);
        var groups = ProcessMemory.Parse(args.Optional("pids"));
        Directory.CreateDirectory(outDir);

        Log($"generating {distinct:N0} distinct articles (+10 % duplicates) …");
        var watch = Stopwatch.StartNew();
        var seed = args.Int("seed", 1);
        var warmup = args.Int("warmup", 0);
        var articles = ArticleGenerator.FromSeeds().Generate(distinct, seed);
        var corpus = Path.Combine(outDir, "corpus");
        var staging = Path.Combine(dataRoot, "staging");
        foreach (var article in articles)
        {
            foreach (var root in new[] { corpus, staging })
            {
                await StageAsync(Path.Combine(root, article.FileName), article.Bytes);
            }
        }
        await File.WriteAllLinesAsync(Path.Combine(outDir, "drop-order.txt"), articles.Select(a => a.FileName));
        var total = articles.Count;
        var meanKb = articles.Average(a => a.Bytes.Length) / 1024.0;
        Log($"{total:N0} files ({meanKb:0.0} KB on average) in {watch.Elapsed.TotalSeconds:0.0} s; the same corpus kept in {corpus}");

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        using var http = ManagementClient(management);
        if (warmup > 0 && !await WarmUpAsync(warmup, seed, dataRoot, dataSource, stallSeconds))
        {
            return 1;
        }
        Directory.CreateDirectory(Path.Combine(dataRoot, "inbox", "bench"));

        var dropped = 0;
        var firstDrop = DateTimeOffset.UtcNow;
        var dropWatch = Stopwatch.StartNew();
        var dropper = Task.Run(async () =>
        {
            for (var i = 0; i < articles.Count; i++)
            {
                if (steady > 0)
                {
                    var due = TimeSpan.FromSeconds(i / steady);
                    if (due > dropWatch.Elapsed)
                    {
                        await Task.Delay(due - dropWatch.Elapsed);
                    }
                }
                File.Move(Path.Combine(staging, articles[i].FileName), Path.Combine(dataRoot, "inbox", articles[i].FileName));
                Volatile.Write(ref dropped, i + 1);
            }
            return dropWatch.Elapsed.TotalSeconds;
        });

        var cpuAtStart = ProcessMemory.Sample(groups).ToDictionary(m => m.Name, m => m.CpuSeconds, StringComparer.Ordinal);
        var timeline = new StringBuilder("seconds,dropped,rows,queue,ready,unacked,stack_pss_mb\n");
        var maxDepth = new Dictionary<string, long>(StringComparer.Ordinal);
        var peakRss = new Dictionary<string, double>(StringComparer.Ordinal);
        var peakPss = new Dictionary<string, double>(StringComparer.Ordinal);
        double peakStackPss = 0, peakStackRss = 0;
        long rows = 0, lastRows = 0;
        var loads = new List<double>();
        var lastProgress = Stopwatch.StartNew();
        var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await tick.WaitForNextTickAsync())
        {
            var t = dropWatch.Elapsed.TotalSeconds;
            rows = await ScalarAsync(dataSource, "SELECT count(*) FROM documents WHERE file_name LIKE 'bench/%'");
            var queues = await QueuesAsync(http, vhost);
            var memory = ProcessMemory.Sample(groups);
            loads.Add(LoadAverage());
            var stackPss = memory.Sum(m => m.PssMb);
            peakStackPss = Math.Max(peakStackPss, stackPss);
            peakStackRss = Math.Max(peakStackRss, memory.Sum(m => m.RssMb));
            foreach (var m in memory)
            {
                peakRss[m.Name] = Math.Max(peakRss.GetValueOrDefault(m.Name), Math.Max(m.RssMb, m.Name.StartsWith("AiGov.", StringComparison.Ordinal) ? m.PeakRssMb : 0));
                peakPss[m.Name] = Math.Max(peakPss.GetValueOrDefault(m.Name), m.PssMb);
            }
            foreach (var q in queues)
            {
                maxDepth[q.Name] = Math.Max(maxDepth.GetValueOrDefault(q.Name), q.Ready + q.Unacked);
                timeline.Append(CultureInfo.InvariantCulture, $"{t:0.0},{Volatile.Read(ref dropped)},{rows},{q.Name},{q.Ready},{q.Unacked},{stackPss:0}\n");
            }
            var stages = string.Join(" ", queues.Where(q => !q.Name.Contains('_')).Select(q => $"{Short(q.Name)} {q.Ready}+{q.Unacked}"));
            Log($"[{t,5:0} s] dropped {Volatile.Read(ref dropped),6:N0}/{total:N0}  rows {rows,6:N0} (+{rows - lastRows}/s)  queues ready+unacked: {stages}  stack {stackPss:N0} MB");
            if (rows != lastRows)
            {
                lastProgress.Restart();
            }
            lastRows = rows;
            if (rows >= total)
            {
                break;
            }
            if (dropper.IsCompleted && lastProgress.Elapsed.TotalSeconds > stallSeconds)
            {
                Log($"no new row for {stallSeconds} s with {rows:N0} of {total:N0}: giving up (see the services' logs and the _error queues)");
                break;
            }
        }
        var dropSeconds = await dropper;
        var atEnd = ProcessMemory.Sample(groups);
        var cpu = atEnd.Select(m => (m.Name, Seconds: m.CpuSeconds - cpuAtStart.GetValueOrDefault(m.Name)))
            .Select(c => new CpuResult(c.Name, c.Seconds, rows == 0 ? 0 : c.Seconds * 1000 / rows))
            .ToList();
        // The .NET services' own high-water marks catch a peak between two samples.
        foreach (var m in atEnd.Where(m => m.Name.StartsWith("AiGov.", StringComparison.Ordinal)))
        {
            peakRss[m.Name] = Math.Max(peakRss.GetValueOrDefault(m.Name), m.PeakRssMb);
        }
        await File.WriteAllTextAsync(Path.Combine(outDir, "timeline.csv"), timeline.ToString());

        var result = await MeasureAsync(dataSource, total, steady, firstDrop, dropSeconds, maxDepth,
            groups.Select(g => new MemoryResult(g.Name, peakRss.GetValueOrDefault(g.Name), peakPss.GetValueOrDefault(g.Name))).ToList(),
            peakStackPss, peakStackRss);
        result = result with { MeanLoadAverage = loads.Count == 0 ? 0 : loads.Average(), Cpu = cpu, WarmupDocuments = warmup };
        await File.WriteAllTextAsync(Path.Combine(outDir, "pipeline.json"), JsonSerializer.Serialize(result, Json));
        Log($"results in {Path.Combine(outDir, "pipeline.json")}, queue depths over time in {Path.Combine(outDir, "timeline.csv")}");
        return result.Lost == 0 && result.Doubled == 0 ? 0 : 1;
    }

    /// <summary>Writes a file to be dropped later, dated a minute back: settled as far as the watcher's settle interval
    /// goes, so the drop, not the writing, is measured.</summary>
    private static async Task StageAsync(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-1));
    }

    /// <summary>Drops <paramref name="count"/> other articles into <c>inbox/warmup/</c> at once and waits until all
    /// are rows: the services' first batches (JIT, connections, pools) are then behind them, and the measured files
    /// (<c>bench/</c>) see a steady state. Their rows stay out of every number.</summary>
    private static async Task<bool> WarmUpAsync(int count, int seed, string dataRoot, NpgsqlDataSource dataSource, int stallSeconds)
    {
        // Another seed: distinct from the measured corpus, so no measured article is a duplicate of a warm-up one.
        var articles = ArticleGenerator.FromSeeds().Generate(count, seed + 7919)
            .Select(a => a with { FileName = "warmup/" + Path.GetFileName(a.FileName) })
            .ToList();
        var staging = Path.Combine(dataRoot, "staging-warmup");
        Directory.CreateDirectory(Path.Combine(staging, "warmup"));
        foreach (var article in articles)
        {
            await StageAsync(Path.Combine(staging, article.FileName), article.Bytes);
        }
        Log($"warm-up: {articles.Count:N0} articles through the stack before measuring …");
        var watch = Stopwatch.StartNew();
        Directory.Move(Path.Combine(staging, "warmup"), Path.Combine(dataRoot, "inbox", "warmup"));
        long rows = 0, lastRows = 0;
        var lastProgress = Stopwatch.StartNew();
        var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await tick.WaitForNextTickAsync())
        {
            rows = await ScalarAsync(dataSource, "SELECT count(*) FROM documents WHERE file_name LIKE 'warmup/%'");
            Log($"warm-up: [{watch.Elapsed.TotalSeconds,5:0} s] rows {rows,6:N0}/{articles.Count:N0}");
            if (rows >= articles.Count)
            {
                Log($"warm-up: done in {watch.Elapsed.TotalSeconds:0.0} s");
                return true;
            }
            if (rows != lastRows)
            {
                lastProgress.Restart();
                lastRows = rows;
            }
            if (lastProgress.Elapsed.TotalSeconds > stallSeconds)
            {
                Log($"warm-up: no new row for {stallSeconds} s with {rows:N0} of {articles.Count:N0}: giving up (see the services' logs and the _error queues)");
                return false;
            }
        }
        return false;
    }

    private static async Task<PipelineResult> MeasureAsync(NpgsqlDataSource dataSource, int total, double steady, DateTimeOffset firstDrop,
        double dropSeconds, Dictionary<string, long> maxDepth, List<MemoryResult> memory, double peakStackPss, double peakStackRss)
    {
        const string Filter = "file_name LIKE 'bench/%'";
        var byStatus = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand($"SELECT status, count(*) FROM documents WHERE {Filter} GROUP BY status"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                byStatus[reader.GetString(0)] = reader.GetInt64(1);
            }
        }
        long rows, distinctFiles;
        DateTimeOffset lastStored;
        double[] latency;
        await using (var command = dataSource.CreateCommand($"""
            SELECT count(*), count(DISTINCT file_name), coalesce(max(stored_at), now()),
                   coalesce(percentile_cont(ARRAY[0.5, 0.95, 0.99, 1.0]) WITHIN GROUP (ORDER BY extract(epoch FROM stored_at - received_at) * 1000),
                            ARRAY[0, 0, 0, 0]::float8[])
            FROM documents WHERE {Filter}
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            rows = reader.GetInt64(0);
            distinctFiles = reader.GetInt64(1);
            lastStored = reader.GetFieldValue<DateTimeOffset>(2);
            latency = reader.GetFieldValue<double[]>(3);
        }

        var stages = new List<StageResult>();
        await using (var command = dataSource.CreateCommand("""
            SELECT e.stage, count(*), extract(epoch FROM max(e.started_at + e.duration_ms * interval '1 millisecond') - min(e.started_at)),
                   avg(e.duration_ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY e.duration_ms), sum(e.duration_ms)
            FROM document_events e JOIN documents d ON d.id = e.document_id
            WHERE d.file_name LIKE 'bench/%'
            GROUP BY e.stage
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var window = Math.Max(reader.GetDouble(2), 0.001);
                stages.Add(new StageResult(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(1) / window,
                    reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5) / 1000 / window));
            }
        }
        stages = stages.OrderBy(s => Array.IndexOf(s_stageOrder, s.Stage) is var i and >= 0 ? i : 99).ToList();

        var elapsed = Math.Max((lastStored - firstDrop).TotalSeconds, 0.001);
        return new PipelineResult
        {
            Documents = total,
            SteadyRate = steady,
            Rows = rows,
            DistinctFiles = distinctFiles,
            Lost = total - distinctFiles,
            Doubled = rows - distinctFiles,
            ByStatus = byStatus,
            DropSeconds = dropSeconds,
            ElapsedSeconds = elapsed,
            DocsPerSecond = rows / elapsed,
            P50Ms = latency[0],
            P95Ms = latency[1],
            P99Ms = latency[2],
            MaxMs = latency[3],
            Stages = stages,
            MaxQueueDepth = maxDepth,
            Memory = memory,
            PeakStackPssMb = peakStackPss,
            PeakStackRssMb = peakStackRss,
        };
    }

    private sealed record QueueDepth(string Name, long Ready, long Unacked);

    private static async Task<List<QueueDepth>> QueuesAsync(HttpClient http, string vhost)
    {
        try
        {
            var json = await http.GetStringAsync($"queues/{Uri.EscapeDataString(vhost)}?columns=name,messages_ready,messages_unacknowledged");
            using var document = JsonDocument.Parse(json);
            return document.RootElement.EnumerateArray()
                .Select(q => new QueueDepth(q.GetProperty("name").GetString()!, Count(q, "messages_ready"), Count(q, "messages_unacknowledged")))
                .Where(q => !q.Name.Contains("_skipped", StringComparison.Ordinal) && (!q.Name.Contains("_error", StringComparison.Ordinal) || q.Ready > 0))
                .OrderBy(q => Array.IndexOf(["cleaning", "language-detection", "deduplication", "storage"], q.Name) is var i and >= 0 ? i : 99)
                .ToList();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Log($"the management API did not answer ({e.Message}); queue depths missing for this second");
            return [];
        }
    }

    internal static double LoadAverage() =>
        double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : 0;

    private static long Count(JsonElement queue, string property) =>
        queue.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;

    private static string Short(string queue) => queue switch
    {
        "cleaning" => "clean",
        "language-detection" => "lang",
        "deduplication" => "dedup",
        "storage" => "store",
        _ => queue,
    };

    private static HttpClient ManagementClient(Uri api)
    {
        var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));
        return http;
    }

    internal static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    internal static void Log(string line) => Console.Error.WriteLine($"bench: {line}");
}
