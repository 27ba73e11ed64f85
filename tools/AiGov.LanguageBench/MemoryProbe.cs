using System.Diagnostics;
using AiGov.LanguageDetector;

namespace AiGov.LanguageBench;

/// <summary>Peak resident memory and load time of every model, then after many articles on all cores.</summary>
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
        Console.WriteLine($"20,000 articles on {Environment.ProcessorCount} cores in {started.ElapsedMilliseconds} ms; VmHWM {PeakMegabytes()} MB");
    }

    private static long PeakMegabytes() =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
}
