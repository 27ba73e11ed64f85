using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using AiGov.LanguageDetector;
using AiGov.LanguageDetector.Tests;
using AiGov.Tools.Shared;
using Lingua;

namespace AiGov.LanguageBench;

/// <summary><c>lingua-sentences [DIR] [--no-lingua] [--languages xx,yy] [--show xx] [--lingua-reference FILE]</c>:
/// Lingua's test sentences through the identifier on one thread, and through Lingua itself (all languages, high
/// accuracy, preloaded) in the same run; a Markdown table per language with both, the macro accuracy and the speeds.
/// <c>--show</c> prints a language's wrongly answered sentences; <c>--lingua-reference</c> writes Lingua's right
/// answers per language (<c>code TAB right TAB sentences</c>), the reference the accuracy test holds the identifier to.</summary>
internal static class LinguaSentencesBench
{
    public static int Run(IReadOnlyList<string> args)
    {
        var arguments = new BenchArguments(args, "--languages", "--show", "--lingua-reference");
        if (arguments.DataFolder("lingua-sentences", "sentence folder", SentenceSet.RelativeDirectory, SentenceSet.FindDirectory) is not { } directory)
        {
            return 2;
        }
        var set = SentenceSet.Load(directory);
        if (arguments.Option("--languages") is { } only)
        {
            var keep = only.Split(',').ToHashSet(StringComparer.Ordinal);
            set = new SentenceSet(set.SentencesByLanguage.Where(pair => keep.Contains(pair.Key)).ToDictionary());
        }
        Console.Error.WriteLine($"lingua-sentences: {set.SentencesByLanguage.Count} languages, {set.Count:N0} sentences from {directory}");

        var models = new ScriptModels();
        models.LoadAll();
        var identifier = new LanguageIdentifier(models);
        set.Evaluate(text => identifier.Identify(text).Code);
        var watch = Stopwatch.StartNew();
        var ours = set.Evaluate(text => identifier.Identify(text).Code);
        var oursPerSecond = set.Count / watch.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"lingua-sentences: AiGov done, {oursPerSecond:N0} sentences/s on one thread");

        SentenceReport? lingua = null;
        double linguaPerCoreSecond = 0;
        if (!arguments.Has("--no-lingua"))
        {
            (lingua, linguaPerCoreSecond) = RunLingua(set);
        }

        Print(ours, lingua, oursPerSecond, linguaPerCoreSecond);
        if (lingua is not null && arguments.Option("--lingua-reference") is { } reference)
        {
            File.WriteAllLines(reference, lingua.Languages.Select(code =>
                $"{code}\t{lingua.AnswersByLanguage[code].Count(answer => answer == code)}\t{lingua.AnswersByLanguage[code].Count}"));
            Console.Error.WriteLine($"lingua-sentences: Lingua's right answers per language written to {reference}");
        }
        if (arguments.Option("--show") is { } show)
        {
            foreach (var (answer, _) in ours.Confusions(show, 20))
            {
                foreach (var sentence in ours.SentencesAnswered(show, answer))
                {
                    Console.WriteLine($"{show} -> {answer}: {sentence}");
                }
            }
        }
        return 0;
    }

    private static (SentenceReport Report, double PerCoreSecond) RunLingua(SentenceSet set)
    {
        var load = Stopwatch.StartNew();
        Console.Error.WriteLine("lingua-sentences: loading Lingua, all languages, high accuracy, preloaded (~15 s, ~2.3 GB)");
        var detector = LanguageDetectorBuilder.FromAllLanguages().WithPreloadedLanguageModels().Build();
        Console.Error.WriteLine($"lingua-sentences: Lingua loaded in {load.Elapsed.TotalSeconds:F1} s");
        var all = set.SentencesByLanguage.SelectMany(pair => pair.Value.Select((sentence, index) => (Code: pair.Key, Index: index, Sentence: sentence))).ToArray();
        var answers = set.SentencesByLanguage.ToDictionary(pair => pair.Key, pair => new string[pair.Value.Count]);
        var done = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        Parallel.ForEach(Partitioner.Create(0, all.Length, 500), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                var language = detector.DetectLanguageOf(all[i].Sentence);
                answers[all[i].Code][all[i].Index] = language == Language.Unknown
                    ? LanguageIdentifier.Undetermined
                    : LanguageInfo.IsoCode6391(language).ToString().ToLowerInvariant();
            }
            var total = Interlocked.Add(ref done, range.Item2 - range.Item1);
            if (total / 7_500 != (total - (range.Item2 - range.Item1)) / 7_500)
            {
                Console.Error.WriteLine($"lingua-sentences: Lingua {total:N0}/{all.Length:N0}");
            }
        });
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var report = new SentenceReport(set, answers.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<string>)pair.Value));
        return (report, all.Length / cpuSeconds);
    }

    private static void Print(SentenceReport ours, SentenceReport? lingua, double oursPerSecond, double linguaPerCoreSecond)
    {
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine(lingua is null
            ? "| language | sentences | AiGov | und | most often instead |"
            : "| language | sentences | AiGov | Lingua | AiGov − Lingua | und | most often instead |");
        Console.WriteLine(lingua is null ? "|---|---:|---:|---:|---|" : "|---|---:|---:|---:|---:|---:|---|");
        foreach (var code in ours.Languages)
        {
            var accuracy = ours.Accuracy(code) * 100;
            var instead = string.Join(", ", ours.Confusions(code, 3).Select(item => $"{item.Answer} {item.Count}"));
            var count = ours.AnswersByLanguage[code].Count;
            Console.WriteLine(lingua is null
                ? string.Format(invariant, "| {0} | {1} | {2:F1} | {3} | {4} |", code, count, accuracy, ours.Undetermined(code), instead)
                : string.Format(invariant, "| {0} | {1} | {2:F1} | {3:F1} | {4:+0.0;−0.0;0.0} | {5} | {6} |", code, count, accuracy,
                    lingua.Accuracy(code) * 100, accuracy - lingua.Accuracy(code) * 100, ours.Undetermined(code), instead));
        }
        Console.WriteLine();
        Console.WriteLine(string.Format(invariant, "macro accuracy: AiGov {0:F2} %{1}", ours.MacroAccuracy * 100,
            lingua is null ? string.Empty : string.Format(invariant, ", Lingua {0:F2} %", lingua.MacroAccuracy * 100)));
        Console.WriteLine(string.Format(invariant, "sentences per second on one core: AiGov {0:N0}{1}", oursPerSecond,
            lingua is null ? string.Empty : string.Format(invariant, ", Lingua {0:N0}", linguaPerCoreSecond)));
        Console.WriteLine($"und: AiGov {ours.Languages.Sum(ours.Undetermined)}{(lingua is null ? string.Empty : $", Lingua {lingua.Languages.Sum(lingua.Undetermined)}")}");
        if (lingua is not null)
        {
            var worst = ours.Languages.MinBy(code => ours.Accuracy(code) - lingua.Accuracy(code))!;
            Console.WriteLine(string.Format(invariant, "largest gap below Lingua: {0} {1:+0.0;−0.0;0.0} points", worst,
                (ours.Accuracy(worst) - lingua.Accuracy(worst)) * 100));
        }
    }
}
