using System.Text;
using System.Text.RegularExpressions;

namespace AiGov.Text.Pdf;

/// <summary>
/// Removes running headers and footers: lines among the two topmost or two bottommost of a page whose text (with
/// digits ignored, so "Page 3 of 9" matches "Page 4 of 9") recurs at the page edge on at least half of the pages,
/// and bare page numbers at a page edge.
/// </summary>
internal static partial class RunningLineFilter
{
    private const int EdgeLines = 2;

    public static IReadOnlyList<RemovedText> Remove(List<PdfPageText> pages)
    {
        var edges = pages.Select(EdgeLinesOf).ToList();
        var pagesWithKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var keys in edges.Select(edge => edge.Select(line => KeyOf(line.Text)).ToHashSet()))
        {
            foreach (var key in keys)
            {
                pagesWithKey[key] = pagesWithKey.GetValueOrDefault(key) + 1;
            }
        }

        var minPages = Math.Max(2, (pages.Count + 1) / 2);
        var removed = new StringBuilder();
        for (var i = 0; i < pages.Count; i++)
        {
            var running = edges[i]
                .Where(line => PageNumberRegex().IsMatch(line.Text.Trim()) || pagesWithKey[KeyOf(line.Text)] >= minPages)
                .ToHashSet();
            foreach (var block in pages[i].Blocks)
            {
                foreach (var line in block.Lines.Where(running.Contains))
                {
                    removed.Append(removed.Length > 0 ? "\n" : string.Empty).Append(line.Text.Trim());
                }

                block.Lines.RemoveAll(running.Contains);
            }
        }

        return removed.Length == 0 ? [] : [new RemovedText("page-furniture", removed.ToString())];
    }

    private static HashSet<PdfLine> EdgeLinesOf(PdfPageText page)
    {
        var lines = page.Blocks.SelectMany(block => block.Lines).ToList();
        return lines.OrderByDescending(line => line.Top).Take(EdgeLines)
            .Concat(lines.OrderBy(line => line.Bottom).Take(EdgeLines))
            .ToHashSet();
    }

    private static string KeyOf(string line) => DigitsRegex().Replace(line.Trim().ToLowerInvariant(), "#");

    [GeneratedRegex(@"\d+", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex DigitsRegex();

    [GeneratedRegex(@"^(?:(?:page|p\.|第)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/|页)\s*\d{1,4})?\s*页?$", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex PageNumberRegex();
}
