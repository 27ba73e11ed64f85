using System.Diagnostics;
using System.Globalization;
using AiGov.Text;
using AiGov.Tools.Shared;

namespace AiGov.TextBench;

/// <summary><c>clean FILE</c>: one file through the cleaner as the cleaner service would clean it: the time (wall and
/// CPU), the title, the text kept and the labels of what was removed (with <c>--removed</c> each removed block), or why it is unreadable. With
/// <c>--give-up-after SECONDS</c> the clean gets a token cancelled then, as the stage's time limit does, and the command
/// says how long the work went on after it (issue #14 point 4: at most 2 s).</summary>
internal static class CleanOneFile
{
    public static int Run(IReadOnlyList<string> args)
    {
        var arguments = new BenchArguments(args, "--give-up-after");
        var path = arguments.Folder() ?? string.Empty;
        var giveUpAfterSeconds = arguments.Option("--give-up-after") is { } seconds
            ? double.Parse(seconds, CultureInfo.InvariantCulture)
            : (double?)null;
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"clean: {path} does not exist: pass the path of a file to clean");
            return 2;
        }
        var bytes = File.ReadAllBytes(path);
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        using var giveUp = new CancellationTokenSource();
        var cancelledAt = TimeSpan.Zero;
        giveUp.Token.Register(() => cancelledAt = wall.Elapsed);
        if (giveUpAfterSeconds is { } limit)
        {
            giveUp.CancelAfter(TimeSpan.FromSeconds(limit));
        }
        try
        {
            var cleaned = DocumentCleaner.Clean(bytes, Path.GetFileName(path), giveUp.Token);
            Report(wall, process, cpu);
            Console.WriteLine($"title: {cleaned.Title}");
            Console.WriteLine($"removed: {string.Join(", ", cleaned.Removed.GroupBy(r => r.Label).Select(g => $"{g.Key} {g.Count()}"))}");
            if (arguments.Has("--removed"))
            {
                foreach (var block in cleaned.Removed)
                {
                    var text = block.Text.ReplaceLineEndings(" ⏎ ");
                    Console.WriteLine($"  {block.Label}: {(text.Length <= 160 ? text : text[..160] + "…")}");
                }
            }
            Console.WriteLine(cleaned.CleanText);
            return 0;
        }
        catch (OperationCanceledException) when (giveUp.IsCancellationRequested)
        {
            Report(wall, process, cpu);
            Console.WriteLine($"given up at {cancelledAt.TotalMilliseconds:N0} ms; the work stopped {(wall.Elapsed - cancelledAt).TotalMilliseconds:N0} ms later");
            return 1;
        }
        catch (UnreadableDocumentException e)
        {
            Report(wall, process, cpu);
            Console.WriteLine($"unreadable: {e.Message}");
            return 1;
        }
    }

    private static void Report(Stopwatch wall, Process process, TimeSpan cpu)
    {
        process.Refresh();
        Console.Error.WriteLine($"clean: {wall.Elapsed.TotalMilliseconds:N0} ms wall, {(process.TotalProcessorTime - cpu).TotalMilliseconds:N0} ms CPU");
    }
}
