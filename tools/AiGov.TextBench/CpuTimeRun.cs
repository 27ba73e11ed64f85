using System.Diagnostics;
using System.Globalization;

namespace AiGov.TextBench;

/// <summary>
/// The same three cases as <see cref="CleaningBenchmarks"/>, timed by the process's CPU time instead of the wall
/// clock: on a machine shared with other work the wall clock counts time spent waiting for a core, CPU time does
/// not, so docs per CPU-second is the per-core rate. One thread; warm-up first, then batches of 10 documents.
/// The warm-up is long because tiered compilation with PGO only reaches its final code after the background JIT
/// has caught up, which on a loaded machine takes seconds (until then the code runs instrumented, 3-4x slower).
/// Run: dotnet run -c Release --project tools/AiGov.TextBench -- cpu [seconds per case, default 10] [warm-up seconds, default 15]
/// </summary>
internal static class CpuTimeRun
{
    public static void Run(string[] args)
    {
        var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var warmUpSeconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 15;
        var benchmarks = new CleaningBenchmarks();
        benchmarks.Setup();
        var cases = new (string Name, Action Clean)[]
        {
            ("SeedPlainText", () => benchmarks.SeedPlainText()),
            ("Html50Kb", () => benchmarks.Html50Kb()),
            ("ChineseHtmlGb2312", () => benchmarks.ChineseHtmlGb2312()),
        };

        Console.WriteLine($"{"Case",-18} {"docs",7} {"docs/s wall",12} {"docs/CPU-s",11} {"CPU ms/doc",11} {"KB alloc/doc",13}");
        foreach (var (name, clean) in cases)
        {
            var warmUp = Stopwatch.StartNew();
            while (warmUp.Elapsed.TotalSeconds < warmUpSeconds)
            {
                clean();
            }

            using var process = Process.GetCurrentProcess();
            var cpuStart = process.TotalProcessorTime;
            var allocatedStart = GC.GetAllocatedBytesForCurrentThread();
            var wall = Stopwatch.StartNew();
            long documents = 0;
            while (wall.Elapsed.TotalSeconds < seconds)
            {
                for (var i = 0; i < 10; i++)
                {
                    clean();
                }

                documents += 10;
            }

            wall.Stop();
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
            var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedStart) / 1024.0 / documents;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-18} {documents,7} {documents / wall.Elapsed.TotalSeconds,12:F0} {documents / cpu,11:F0} {cpu * 1000 / documents,11:F3} {allocated,13:F0}"));
        }
    }
}
