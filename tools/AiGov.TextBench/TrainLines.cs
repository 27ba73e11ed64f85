using System.Globalization;
using AiGov.Text;
using AiGov.Text.Boilerplate;
using AiGov.Text.BodyLines;
using AiGov.Text.Learning;
using AiGov.Text.Tests.Quality;
using AiGov.Tools.Shared;

namespace AiGov.TextBench;

/// <summary>
/// <c>train-lines [DIR] [--out FILE] [--folds N] [--dump-held-out FILE]</c>: trains the body-line classifier (<see cref="LineClassifier"/>) on
/// trafilatura's dev pages as text dumps. Each page goes through the cleaner up to the choice of its body lines; a
/// line that holds one of the page's <c>with</c> snippets is a body line, one that holds a <c>without</c> snippet is
/// not, the others are not used. First the pages are split into N folds by their number and each fold is scored
/// with a model trained on the others: that is what to expect on pages no model has seen. Then the model is trained
/// on all pages and written to FILE (default: the library's BodyLines/line-model.json). <c>--dump-held-out</c> appends
/// each line's held-out probability (page, line, probability, in stretch, headline, score, label, text) as TSV.
/// </summary>
internal static class TrainLines
{
    private const int DefaultFolds = 5;

    public static int Run(IReadOnlyList<string> args)
    {
        var arguments = new BenchArguments(args, "--out", "--folds", "--dump-held-out");
        if (arguments.DataFolder("train-lines", "benchmark folder", ExtractionDevSet.RelativeDirectory, ExtractionDevSet.FindDirectory) is not { } directory)
        {
            return 2;
        }
        var output = arguments.Option("--out") ?? DefaultModelPath();
        if (output is null)
        {
            Console.Error.WriteLine("train-lines: cannot find shared/AiGov.Text/BodyLines from the current folder; run it inside the repository or pass --out FILE.");
            return 2;
        }
        var folds = arguments.Option("--folds") is { } f ? int.Parse(f, CultureInfo.InvariantCulture) : DefaultFolds;
        var set = ExtractionDevSet.Load(directory);
        var pages = new List<TrainingPage>(set.Pages.Count);
        foreach (var page in set.Pages)
        {
            pages.Add(TrainingPage.Of(page, set.ReadInput(page, asTextDump: true)));
            if (pages.Count % 100 == 0)
            {
                Console.Error.WriteLine($"train-lines: read {pages.Count}/{set.Pages.Count} pages");
            }
        }
        var labelled = pages.Sum(page => page.Labels.Count(label => label is not null));
        Console.WriteLine($"pages {pages.Count}, chosen by lines {pages.Count(page => page.Layout is not null)}, labelled lines {labelled}");

        var options = new BoostingOptions();
        var stretchOnly = pages.Select(page => page.Score(page.Layout is null ? null : Enumerable.Range(0, page.Layout.Lines.Count).Select(page.Layout.InStretch).ToArray())).ToList();
        Print("the prose-run stretch alone", ExtractionTotals.Of(stretchOnly));
        var heldOut = new List<PageScore>(pages.Count);
        for (var fold = 0; fold < folds; fold++)
        {
            var model = Train(pages.Where((_, index) => index % folds != fold), options);
            heldOut.AddRange(pages.Where((_, index) => index % folds == fold).Select(page => page.Score(page.Keep(model))));
            if (arguments.Option("--dump-held-out") is { } dump)
            {
                File.AppendAllLines(dump, pages.Select((page, index) => (page, index)).Where(p => p.index % folds == fold && p.page.Layout is not null)
                    .SelectMany(p => p.page.Layout!.Lines.Select((line, i) => string.Join('\t', p.index, i,
                        model.Probability(p.page.Features[i]).ToString("F3", CultureInfo.InvariantCulture),
                        p.page.Layout.InStretch(i) ? 1 : 0, p.page.Layout.IsHeadline(i) ? 1 : 0, p.page.Layout.Scores[i],
                        p.page.Labels[i] is { } label ? (label ? "1" : "0") : "-", line))));
            }
            Console.Error.WriteLine($"train-lines: fold {fold + 1}/{folds} scored");
        }
        Print($"the classifier, each fold held out ({folds} folds)", ExtractionTotals.Of(heldOut));

        var final = Train(pages, options);
        File.WriteAllText(output, final.ToJson() + "\n");
        Print("the classifier on the pages it was trained on", ExtractionTotals.Of(pages.Select(page => page.Score(page.Keep(final))).ToList()));
        Console.WriteLine($"model: {final.Trees.Count} trees of depth {options.Depth} on {LineFeatures.Names.Count} features, written to {output}");
        return 0;
    }

    private static BoostedTrees Train(IEnumerable<TrainingPage> pages, BoostingOptions options)
    {
        var samples = new List<double[]>();
        var labels = new List<bool>();
        foreach (var page in pages)
        {
            for (var i = 0; i < page.Labels.Length; i++)
            {
                if (page.Labels[i] is { } label)
                {
                    samples.Add(page.Features[i]);
                    labels.Add(label);
                }
            }
        }
        return BoostedTrees.Train(LineFeatures.Names, samples, labels, options);
    }

    private static void Print(string what, ExtractionTotals totals) =>
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: precision {1:F3}, recall {2:F3}, F1 {3:F4} (tp {4}, fn {5}, fp {6}), pages with none of their with-snippets {7}",
            what, totals.Precision, totals.Recall, totals.F1, totals.TruePositives, totals.FalseNegatives, totals.FalsePositives, totals.PagesFoundNone));

    private static string? DefaultModelPath()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "AiGov.Text", "BodyLines");
            if (Directory.Exists(candidate))
            {
                return Path.Combine(candidate, "line-model.json");
            }
        }
        return null;
    }

    /// <summary>One page: the text the cleaner chooses body lines from, its layout, features and line labels.</summary>
    private sealed record TrainingPage(ExtractionPage Page, string Text, BodyLayout? Layout, double[][] Features, bool?[] Labels)
    {
        public static TrainingPage Of(ExtractionPage page, byte[] input)
        {
            var text = DocumentCleaner.TextForBodyLines(input, SourceFormat.PlainText) ?? string.Empty;
            var layout = ProseRun.Layout(text);
            if (layout is null)
            {
                return new TrainingPage(page, text, null, [], []);
            }
            var with = page.With.Select(ExtractionDevSet.Normalise).ToList();
            var without = page.Without.Select(ExtractionDevSet.Normalise).ToList();
            var labels = layout.Lines.Select(line => ExtractionDevSet.Normalise(line)).Select(line =>
                with.Any(snippet => line.Contains(snippet, StringComparison.Ordinal)) ? true
                : without.Any(snippet => line.Contains(snippet, StringComparison.Ordinal)) ? false
                : (bool?)null).ToArray();
            return new TrainingPage(page, text, layout, LineFeatures.Of(layout), labels);
        }

        public bool[]? Keep(BoostedTrees model) =>
            Layout is null ? null : LineClassifier.Decide(Layout, Features.Select(row => model.Probability(row)).ToArray());

        /// <summary>The page's score when <paramref name="keep"/> says which lines stay (null: the text stays whole).</summary>
        public PageScore Score(bool[]? keep) =>
            ExtractionDevSet.Score(Page, keep is null || Layout is null ? Text : string.Join('\n', Layout.Lines.Where((_, i) => keep[i])));
    }
}
