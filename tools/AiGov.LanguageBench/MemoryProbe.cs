using System.Diagnostics;
using AiGov.LanguageDetector;

namespace AiGov.LanguageBench;

/// <summary>Load time of every model and peak resident memory, then throughput and peak after many articles on all
/// cores. Run it in a fresh process: Lingua keeps its models process-wide.</summary>
internal static class MemoryProbe
{
    public static void Run()
    {
        var models = new ScriptModels();
        var started = Stopwatch.StartNew();
        models.LoadAll();
        Console.WriteLine($"models loaded in {started.ElapsedMilliseconds} ms; VmHWM {PeakMegabytes()} MB");
        var identifier = new LanguageIdentifier(models);
        var articles = Articles.FromSeeds(Articles.FindRepositoryRoot());
        started.Restart();
        Parallel.For(0, 20_000, i => identifier.Identify(articles[i % articles.Count]));
        var elapsed = started.Elapsed;
        Console.WriteLine($"20,000 articles on {Environment.ProcessorCount} cores in {elapsed.TotalMilliseconds:0} ms "
            + $"({20_000 / elapsed.TotalSeconds:0} docs/s); VmHWM {PeakMegabytes()} MB");
    }

    private static long PeakMegabytes() =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
}
