using AiGov.Text.Similarity;

namespace AiGov.DedupBench;

/// <summary>Pairwise precision and recall of "same story" on the seeds and the story test set, for a grid of the
/// two settings (overlap threshold, minimum shared anchors).</summary>
public static class StoryEvaluation
{
    public static void Run()
    {
        var articles = RealArticles.Load().Select(a => (a.Name, a.Story, Anchors: StoryAnchors.Extract(a.Text))).ToList();
        var pairs = new List<(string A, string B, bool Same, int Shared, double Overlap)>();
        for (var i = 0; i < articles.Count; i++)
        {
            for (var j = i + 1; j < articles.Count; j++)
            {
                var (a, b) = (articles[i], articles[j]);
                var shared = a.Anchors.Count(b.Anchors.Contains);
                pairs.Add((a.Name, b.Name, a.Story == b.Story, shared, StorySimilarity.Overlap(shared, a.Anchors.Count, b.Anchors.Count)));
            }
        }
        var positives = pairs.Count(p => p.Same);
        Console.WriteLine($"Story set: {articles.Count} articles, {pairs.Count} pairs, {positives} same-story pairs");
        Console.WriteLine();
        Console.WriteLine("| min shared | overlap ≥ | precision | recall | false pairs |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var minShared in new[] { 3, 4, 5, 6 })
        {
            foreach (var threshold in new[] { 0.2, 0.25, 0.3, 0.35, 0.4 })
            {
                var predicted = pairs.Where(p => p.Shared >= minShared && p.Overlap >= threshold).ToList();
                var tp = predicted.Count(p => p.Same);
                var precision = predicted.Count == 0 ? 1 : tp / (double)predicted.Count;
                Console.WriteLine($"| {minShared} | {threshold:0.00} | {precision:P0} | {tp / (double)positives:P0} | {string.Join(", ", predicted.Where(p => !p.Same).Select(p => $"{p.A}~{p.B}"))} |");
            }
        }
        Console.WriteLine();
        Console.WriteLine("Same-story pairs and the closest different-story pairs:");
        foreach (var p in pairs.Where(p => p.Same).Concat(pairs.Where(p => !p.Same).OrderByDescending(p => p.Overlap).Take(8)))
        {
            Console.WriteLine($"  {(p.Same ? "same" : "diff")} {p.A} ~ {p.B}: shared {p.Shared}, overlap {p.Overlap:0.00}");
        }
    }
}
