using System.Globalization;
using System.Text.Json;

namespace AiGov.PipelineBench;

/// <summary>The summary of a run and its last line.</summary>
public static class BenchReport
{
    public static int Print(Arguments args)
    {
        var outDir = args.Text("out");
        var pipelinePath = Path.Combine(outDir, "pipeline.json");
        if (!File.Exists(pipelinePath))
        {
            throw new ArgumentException($"{pipelinePath} is missing: the pipeline run did not finish (see the lines above)");
        }
        var p = JsonSerializer.Deserialize<PipelineResult>(File.ReadAllText(pipelinePath))!;
        var inProcessPath = Path.Combine(outDir, "inprocess.json");
        var inProcess = File.Exists(inProcessPath) ? JsonSerializer.Deserialize<InProcessResult>(File.ReadAllText(inProcessPath)) : null;
        var c = CultureInfo.InvariantCulture;
        var e = Console.Error;

        e.WriteLine();
        e.WriteLine(string.Create(c, $"pipeline: {p.Documents:N0} files {(p.SteadyRate > 0 ? $"dropped at {p.SteadyRate:0.#} docs/s" : "dropped at once")} in {p.DropSeconds:0.0} s; last row {p.ElapsedSeconds:0.0} s after the first drop{(p.WarmupDocuments > 0 ? $", after a warm-up of {p.WarmupDocuments:N0} other documents" : ", services cold")}; mean load average {p.MeanLoadAverage:0.0} on {Environment.ProcessorCount} cores"));
        e.WriteLine(string.Create(c, $"  rows {p.Rows:N0} ({string.Join(", ", p.ByStatus.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value:N0}"))}); lost {p.Lost}, doubled {p.Doubled}"));
        e.WriteLine(string.Create(c, $"  sustained {p.DocsPerSecond:0} docs/s; latency received_at -> stored_at p50 {p.P50Ms:0} ms, p95 {p.P95Ms:0} ms, p99 {p.P99Ms:0} ms, max {p.MaxMs:0} ms"));
        e.WriteLine("  stage                 docs    docs/s  mean ms   p99 ms  busy (avg. documents in work)  max queue depth");
        foreach (var s in p.Stages)
        {
            var depth = p.MaxQueueDepth.TryGetValue(s.Stage, out var d) ? d.ToString("N0", c) : "-";
            e.WriteLine(string.Create(c, $"  {s.Stage,-20} {s.Documents,6:N0} {s.DocsPerSecond,9:0} {s.MeanMs,8:0.00} {s.P99Ms,8:0.0} {s.BusyShare,10:0.00} {depth,28}"));
        }
        e.WriteLine("  peak memory (RSS; PSS counts shared pages once):");
        foreach (var m in p.Memory)
        {
            e.WriteLine(string.Create(c, $"    {m.Name,-24} RSS {m.PeakRssMb,6:0} MB   PSS {m.PeakPssMb,6:0} MB"));
        }
        e.WriteLine(string.Create(c, $"    whole stack at its peak: PSS {p.PeakStackPssMb:0} MB (sum of RSS {p.PeakStackRssMb:0} MB, which counts PostgreSQL's shared buffers once per back end)"));
        if (p.Cpu.Count > 0)
        {
            // On a machine doing nothing else, the CPU the stack needs per document bounds its rate.
            var total = p.Cpu.Sum(x => x.MsPerDocument);
            e.WriteLine(string.Create(c, $"  CPU from the first drop to the last row, per document: {string.Join(", ", p.Cpu.Select(x => $"{x.Name} {x.MsPerDocument:0.00} ms"))}"));
            e.WriteLine(string.Create(c, $"    whole stack {total:0.00} ms of CPU per document: {Environment.ProcessorCount} cores allow at most {(total > 0 ? Environment.ProcessorCount * 1000 / total : 0):0} docs/s"));
        }
        string efficiency;
        if (inProcess is null)
        {
            efficiency = "n/a";
            e.WriteLine(p.SteadyRate > 0
                ? "in-process limit: not run in --steady mode (the pipeline's rate is the offered rate there)"
                : "in-process limit: not run (see the lines above)");
        }
        else
        {
            efficiency = (p.DocsPerSecond / inProcess.DocsPerSecond).ToString("0.00", c);
            e.WriteLine(string.Create(c, $"in-process limit: {inProcess.DocsPerSecond:0} docs/s ({inProcess.Workers} workers, batches of {inProcess.Batch}, {inProcess.Documents:N0} documents in {inProcess.ElapsedSeconds:0.0} s; per document clean {inProcess.CleanMs:0.00} ms, language {inProcess.LanguageMs:0.00} ms, dedup {inProcess.DedupMs:0.00} ms, store {inProcess.StoreMs:0.00} ms; load average at the end {inProcess.LoadAverage:0.0})"));
            e.WriteLine(string.Create(c, $"efficiency = pipeline / in-process = {p.DocsPerSecond:0} / {inProcess.DocsPerSecond:0} = {efficiency}"));
        }
        Console.Out.WriteLine(string.Create(c, $"bench: {p.Documents} docs, {p.DocsPerSecond:0} docs/s, p50 {p.P50Ms:0} ms, p99 {p.P99Ms:0} ms, efficiency {efficiency}, rss {p.PeakStackPssMb:0} MB"));
        return p.Lost == 0 && p.Doubled == 0 ? 0 : 1;
    }
}
