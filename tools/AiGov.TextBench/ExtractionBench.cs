using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using AiGov.Text;
using AiGov.Text.Tests.Quality;
using AiGov.Tools.Shared;

namespace AiGov.TextBench;

/// <summary>
/// <c>extraction [DIR] [--text] [--worst N] [--limit N] [--dump FOLDER]</c>: trafilatura's benchmark pages through the cleaner as a user
/// drops them (HTML as <c>.html</c>; with <c>--text</c> each page's visible text, one block per line, as <c>.txt</c>),
/// scored as trafilatura scores them (whitespace-normalised substring match of the <c>with</c> and <c>without</c>
/// snippets, summed over the pages). Prints P, R, F1, the pages with none of their <c>with</c> snippets, pages per
/// CPU-second on one thread (the median of three passes after two untimed ones over the pages) and the worst pages with what was kept
/// and what was missed.
/// </summary>
internal static class ExtractionBench
{
    private const int WarmUpPasses = 2;
    private const int TimedPasses = 3;

    public static int Run(IReadOnlyList<string> args)
    {
        var arguments = new BenchArguments(args, "--worst", "--limit", "--dump");
        if (arguments.DataFolder("extraction", "benchmark folder", ExtractionDevSet.RelativeDirectory, ExtractionDevSet.FindDirectory) is not { } directory)
        {
            return 2;
        }
        var text = arguments.Has("--text");
        var worst = arguments.Option("--worst") is { } w ? int.Parse(w, CultureInfo.InvariantCulture) : 10;
        var set = ExtractionDevSet.Load(directory);
        var pages = arguments.Option("--limit") is { } limit ? set.Pages.Take(int.Parse(limit, CultureInfo.InvariantCulture)).ToList() : set.Pages;
        Console.Error.WriteLine($"extraction: {pages.Count} pages from {directory}, {(text ? "as text dumps (.txt)" : "as HTML (.html)")}");

        var inputs = pages.Select(page => set.ReadInput(page, text)).ToList();
        var fileName = ExtractionDevSet.InputFileName(text);

        // A service cleans for hours: the timed pass follows two untimed ones, so that tiered compilation has
        // finished optimising what the pages use instead of being counted as cleaning (one pass is not enough).
        for (var pass = 0; pass < WarmUpPasses; pass++)
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                Extract(inputs[i], fileName);
            }
            Console.Error.WriteLine($"extraction: untimed pass {pass + 1}/{WarmUpPasses} done");
        }

        // Scored on the first timed pass; the speed is the median of the timed passes (this machine's speed drifts by
        // up to a fifth between passes of the same code).
        var scores = new List<PageScore>(pages.Count);
        var failures = 0;
        var milliseconds = new double[pages.Count];
        var processRates = new List<double>();
        var threadRates = new List<double>();
        using var process = Process.GetCurrentProcess();
        var gen0Before = GC.CollectionCount(0);
        var gen2Before = GC.CollectionCount(2);
        var pauseBefore = GC.GetTotalPauseDuration();
        var timedCpu = process.TotalProcessorTime;
        for (var pass = 0; pass < TimedPasses; pass++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var threadCpu = ThreadCpuSeconds();
            for (var i = 0; i < pages.Count; i++)
            {
                var watch = Stopwatch.StartNew();
                var (clean, failed) = Extract(inputs[i], fileName);
                if (pass == 0)
                {
                    milliseconds[i] = watch.Elapsed.TotalMilliseconds;
                    failures += failed ? 1 : 0;
                    scores.Add(ExtractionDevSet.Score(pages[i], clean));
                }
            }
            process.Refresh();
            processRates.Add(pages.Count / (process.TotalProcessorTime - cpu).TotalSeconds);
            threadRates.Add(pages.Count / (ThreadCpuSeconds() - threadCpu));
            Console.Error.WriteLine($"extraction: timed pass {pass + 1}/{TimedPasses} done");
        }

        process.Refresh();
        var gcShare = (GC.GetTotalPauseDuration() - pauseBefore) / (process.TotalProcessorTime - timedCpu);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "garbage collection in the timed passes: {0} gen0 and {1} gen2 collections, paused {2:P0} of the CPU time ({3})",
            GC.CollectionCount(0) - gen0Before, GC.CollectionCount(2) - gen2Before, gcShare, GCSettings.IsServerGC ? "server GC" : "workstation GC"));
        Print(scores, failures, processRates, threadRates, worst);
        if (arguments.Option("--dump") is { } dump)
        {
            Dump(scores, milliseconds, dump);
            if (text)
            {
                for (var i = 0; i < pages.Count; i++)
                {
                    File.WriteAllBytes(Path.Combine(dump, pages[i].File.Replace(".html.gz", ".input.txt", StringComparison.Ordinal)), inputs[i]);
                }
            }
        }
        return 0;
    }

    private static (string Text, bool Failed) Extract(byte[] input, string fileName)
    {
        try
        {
            return (DocumentCleaner.Clean(input, fileName).CleanText, false);
        }
        catch (Exception e) when (e is UnreadableDocumentException or InvalidOperationException or ArgumentException)
        {
            return (string.Empty, true);
        }
    }

    /// <summary>CPU time of the calling thread (Linux <c>/proc/thread-self/schedstat</c>), NaN elsewhere: the
    /// cleaning alone, without the collector's and the compiler's threads.</summary>
    private static double ThreadCpuSeconds()
    {
        const string path = "/proc/thread-self/schedstat";
        return File.Exists(path) && long.TryParse(File.ReadAllText(path).Split(' ')[0], CultureInfo.InvariantCulture, out var nanoseconds)
            ? nanoseconds / 1e9
            : double.NaN;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static void Print(IReadOnlyList<PageScore> scores, int failures, List<double> processRates, List<double> threadRates, int worst)
    {
        var totals = ExtractionTotals.Of(scores);
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Format(invariant, "pages {0}, with-snippets {1}, without-snippets {2}", scores.Count,
            totals.TruePositives + totals.FalseNegatives, scores.Sum(s => s.Page.Without.Count)));
        Console.WriteLine(string.Format(invariant, "precision {0:F3}, recall {1:F3}, F1 {2:F3} (tp {3}, fn {4}, fp {5})",
            totals.Precision, totals.Recall, totals.F1, totals.TruePositives, totals.FalseNegatives, totals.FalsePositives));
        Console.WriteLine(string.Format(invariant, "pages with none of their with-snippets: {0} ({1:P1}); pages that failed: {2}",
            totals.PagesFoundNone, totals.FoundNoneShare, failures));
        Console.WriteLine(string.Format(invariant, "pages per CPU-second, one thread: {0:F0} (median of {1} passes: {2}; the process's CPU); the cleaning thread's alone: {3:F0}",
            Median(processRates), processRates.Count, string.Join(", ", processRates.Select(rate => rate.ToString("F0", invariant))), Median(threadRates)));
        Console.WriteLine();
        foreach (var score in scores.OrderBy(s => s.F1).ThenByDescending(s => s.FalseNegatives + s.FalsePositives).Take(worst))
        {
            Console.WriteLine(string.Format(invariant, "{0} F1 {1:F2} (tp {2}, fn {3}, fp {4}) {5}", score.Page.File, score.F1,
                score.TruePositives, score.FalseNegatives, score.FalsePositives, score.Page.Url));
            Console.WriteLine($"  kept ({score.Text.Length} chars): {Shorten(score.Text, 240)}");
            foreach (var missed in score.Missed.Take(2))
            {
                Console.WriteLine($"  missed: {Shorten(missed, 160)}");
            }
            foreach (var kept in score.Kept.Take(2))
            {
                Console.WriteLine($"  kept but should not: {Shorten(kept, 160)}");
            }
        }
    }

    /// <summary>Each page's kept text as FILE.txt (with <c>--text</c> also the dump it cleaned as FILE.input.txt) and one line a page in scores.tsv (with its wall time in ms), to compare
    /// two runs page by page.</summary>
    private static void Dump(IReadOnlyList<PageScore> scores, double[] milliseconds, string folder)
    {
        Directory.CreateDirectory(folder);
        var tsv = new StringBuilder("file\ttp\tfn\tfp\tchars\turl\tmissed\tkept_but_should_not\tms\n");
        for (var i = 0; i < scores.Count; i++)
        {
            var score = scores[i];
            var name = score.Page.File.Replace(".html.gz", string.Empty, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(folder, name + ".txt"), score.Text);
            tsv.Append(CultureInfo.InvariantCulture, $"{name}\t{score.TruePositives}\t{score.FalseNegatives}\t{score.FalsePositives}\t{score.Text.Length}\t{score.Page.Url}\t")
                .Append(string.Join(" | ", score.Missed).ReplaceLineEndings(" ")).Append('\t')
                .Append(string.Join(" | ", score.Kept).ReplaceLineEndings(" ")).Append('\t')
                .Append(milliseconds[i].ToString("F1", CultureInfo.InvariantCulture)).Append('\n');
        }
        File.WriteAllText(Path.Combine(folder, "scores.tsv"), tsv.ToString());
        Console.Error.WriteLine($"extraction: kept texts and scores.tsv written to {folder}");
    }

    private static string Shorten(string text, int length)
    {
        var line = text.ReplaceLineEndings(" ⏎ ");
        return line.Length <= length ? line : line[..length] + "…";
    }
}
