using AiGov.Text.Similarity;

namespace AiGov.DedupBench;

/// <summary>How often a copy with 5/10/20/40 % of its words changed is found, and how often unrelated articles are
/// taken for duplicates, at several thresholds: LSH candidate (shares a band key) and estimate ≥ threshold.</summary>
public static class QualityCurve
{
    private static readonly double[] s_edits = [0.05, 0.10, 0.20, 0.40];
    private static readonly double[] s_thresholds = [0.3, 0.4, 0.5, 0.6, 0.7];

    public static void Run(int articles)
    {
        var corpus = SyntheticCorpus.FromSeeds(seed: 42);
        var bases = Enumerable.Range(0, articles).Select(_ => Sketch.Of(SyntheticCorpus.Text(corpus.Article()))).ToList();
        Console.WriteLine($"Quality curve: {articles} synthetic articles (300–900 words drawn from the seeds' words), shingles of {Shingler.Default.Options.WordShingleSize} words, " +
            $"{MinHasher.Default.Permutations} permutations, LSH {LshBanding.Default.Bands}×{LshBanding.Default.Rows}");
        Console.WriteLine();
        Console.WriteLine($"| words changed | exact J mean | estimate mean | estimate p5–p95 | LSH candidate | {string.Join(" | ", s_thresholds.Select(t => $"found at {t:0.0}"))} |");
        Console.WriteLine($"|---|---|---|---|---|{string.Concat(s_thresholds.Select(_ => "---|"))}");

        var found = new Dictionary<(double Edit, double Threshold), int>();
        for (var e = 0; e < s_edits.Length; e++)
        {
            var edit = s_edits[e];
            var pairs = new List<(double Exact, double Estimate, bool Candidate)>();
            var editCorpus = SyntheticCorpus.FromSeeds(seed: 1000 + e);
            foreach (var original in bases)
            {
                var copy = Sketch.Of(SyntheticCorpus.Text(editCorpus.Edit(original.Words!, edit)));
                pairs.Add((Jaccard.Exact(original.Shingles, copy.Shingles), Jaccard.Estimate(original.Signature, copy.Signature), original.SharesBand(copy)));
            }
            var estimates = pairs.Select(p => p.Estimate).Order().ToList();
            foreach (var t in s_thresholds)
            {
                found[(edit, t)] = pairs.Count(p => p.Candidate && p.Estimate >= t);
            }
            Console.WriteLine($"| {edit:P0} | {pairs.Average(p => p.Exact):0.000} | {estimates.Average():0.000} | {estimates[(int)(0.05 * estimates.Count)]:0.00}–{estimates[(int)(0.95 * estimates.Count)]:0.00} | " +
                $"{pairs.Count(p => p.Candidate) / (double)pairs.Count:P1} | {string.Join(" | ", s_thresholds.Select(t => $"{found[(edit, t)] / (double)pairs.Count:P1}"))} |");
        }

        var unrelated = new List<(double Estimate, bool Candidate)>();
        var real = RealArticles.Load().Select(a => Sketch.Of(a.Text)).ToList();
        var all = bases.Concat(real).ToList();
        for (var i = 0; i < all.Count; i++)
        {
            for (var j = i + 1; j < all.Count; j++)
            {
                unrelated.Add((Jaccard.Estimate(all[i].Signature, all[j].Signature), all[i].SharesBand(all[j])));
            }
        }
        var falsePositives = s_thresholds.ToDictionary(t => t, t => unrelated.Count(u => u.Candidate && u.Estimate >= t));
        Console.WriteLine($"| unrelated pairs ({unrelated.Count}, incl. {real.Count} real articles) | – | {unrelated.Average(u => u.Estimate):0.000} | max {unrelated.Max(u => u.Estimate):0.00} | " +
            $"{unrelated.Count(u => u.Candidate) / (double)unrelated.Count:P3} | {string.Join(" | ", s_thresholds.Select(t => $"{falsePositives[t]} pairs"))} |");

        Console.WriteLine();
        Console.WriteLine("Precision / recall, duplicates = copies with ≤ 10 % changed; 40 % changed and unrelated pairs are not (20 % shown both ways):");
        Console.WriteLine("| threshold | recall | precision (20 % left out) | precision (20 % counted as not duplicate) | 20 % found |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var t in s_thresholds)
        {
            var tp = found[(0.05, t)] + found[(0.10, t)];
            var fp = found[(0.40, t)] + falsePositives[t];
            var fp20 = fp + found[(0.20, t)];
            Console.WriteLine($"| {t:0.0} | {tp / (2.0 * articles):P1} | {Ratio(tp, tp + fp)} | {Ratio(tp, tp + fp20)} | {found[(0.20, t)] / (double)articles:P1} |");
        }
    }

    private static string Ratio(int a, int b) => b == 0 ? "–" : $"{a / (double)b:P1}";

    private sealed record Sketch(HashSet<ulong> Shingles, uint[] Signature, HashSet<long> Bands, string[]? Words)
    {
        public static Sketch Of(string text, string[]? words = null)
        {
            var shingles = Shingler.Default.Shingle(text);
            var signature = MinHasher.Default.Signature(shingles);
            return new Sketch(shingles, signature, [.. LshBanding.Default.Keys(signature)], words ?? text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }

        public bool SharesBand(Sketch other) => Bands.Overlaps(other.Bands);
    }
}
