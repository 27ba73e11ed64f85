using AiGov.Text.Boilerplate;
using AiGov.Text.StopWords;

namespace AiGov.Text.BodyLines;

/// <summary>
/// The signals the body-line classifier weighs for each line of a text: what the prose-run scan decided (in the body
/// stretch, in the best run, prose or headline or neither), the line's own shape (length, sentence end, stop-word
/// density in the text's language, capitalised words, digits, commas, a link or an e-mail address, words addressing
/// the reader) and its place (position in the text and in the stretch, distance from the best run, how much prose
/// the stretch still holds after it, the neighbours' kinds). None names a site or a phrase.
/// </summary>
internal static class LineFeatures
{
    /// <summary>The feature names, in the order <see cref="Of"/> fills each row; a model is trained for exactly these.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "in-stretch", "in-best-run", "kind", "log-length", "ends-sentence", "stop-word-density", "reader-address",
        "capitalised", "link-like", "digits", "position", "log-lines-after-best", "log-lines-before-best",
        "prose-before", "prose-after", "repeated", "best-run-size", "commas-per-word", "copyright-mark", "question",
        "position-in-stretch", "log-lines-to-stretch-end", "log-lines-from-stretch-start", "stretch-prose-after",
        "previous-prose", "next-prose", "previous-ends-with-colon", "length-to-best-run-lines", "in-non-prose-block",
    ];

    /// <summary>Lines on each side whose kinds make a line's context.</summary>
    private const int ContextLines = 3;

    /// <summary>A best run this long (characters of prose) or longer counts as fully sized.</summary>
    private const double LargeBestRun = 5000;

    /// <summary>One row of <see cref="Names"/>.Count features per line of <paramref name="layout"/>.</summary>
    public static double[][] Of(BodyLayout layout)
    {
        var lines = layout.Lines;
        var scores = layout.Scores;
        var count = lines.Count;
        var lists = StopWordLists.Embedded;
        var profiles = new StopWordProfile[count];
        for (var i = 0; i < count; i++)
        {
            profiles[i] = lists.Measure(lines[i]);
        }
        var language = StopWordProfile.Sum(lists, profiles).Densest?.Language;
        var repeats = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            repeats[line] = repeats.GetValueOrDefault(line) + 1;
        }

        // Prose characters of the stretch from each line to its end, for the share still to come.
        var proseAfter = new double[count + 1];
        for (var i = count - 1; i >= 0; i--)
        {
            proseAfter[i] = proseAfter[i + 1] + (layout.InStretch(i) && scores[i] > 0 ? scores[i] : 0);
        }
        var stretchProse = Math.Max(1, proseAfter[0]);
        int bestProseLines = 0, bestProseLength = 0;
        for (var i = layout.BestStart; i <= layout.BestEnd; i++)
        {
            if (scores[i] > 0)
            {
                bestProseLines++;
                bestProseLength += lines[i].Length;
            }
        }
        var meanBestLine = Math.Max(1.0, bestProseLength / (double)Math.Max(1, bestProseLines));

        var rows = new double[count][];
        for (var i = 0; i < count; i++)
        {
            var line = lines[i];
            var words = WordShape.Of(line);
            var wordCount = Math.Max(1, words.Words);
            rows[i] =
            [
                layout.InStretch(i) ? 1 : 0,
                i >= layout.BestStart && i <= layout.BestEnd ? 1 : 0,
                Math.Sign(scores[i]),
                Math.Log(1 + line.Length),
                ProseRun.EndsLikeSentence(line) ? 1 : 0,
                language is null ? 0 : profiles[i].For(language).Density,
                words.ReaderAddress / (double)wordCount,
                words.Capitalised / (double)wordCount,
                words.LinkLike ? 1 : 0,
                words.Digits / (double)line.Length,
                i / (double)count,
                Math.Log(1 + Math.Max(0, i - layout.BestEnd)),
                Math.Log(1 + Math.Max(0, layout.BestStart - i)),
                ProseShare(scores, i - ContextLines, i),
                ProseShare(scores, i + 1, i + 1 + ContextLines),
                repeats[line] > 1 ? 1 : 0,
                Math.Min(1, layout.BestSum / LargeBestRun),
                words.Commas / (double)wordCount,
                line.Contains('©') || line.Contains("copyright", StringComparison.OrdinalIgnoreCase) ? 1 : 0,
                line.EndsWith('?') || line.EndsWith('？') ? 1 : 0,
                (i - layout.First) / (double)(layout.Last - layout.First + 1),
                Math.Log(1 + Math.Max(0, layout.Last - i)),
                Math.Log(1 + Math.Max(0, i - layout.First)),
                proseAfter[i + 1] / stretchProse,
                i > 0 && scores[i - 1] > 0 ? 1 : 0,
                i + 1 < count && scores[i + 1] > 0 ? 1 : 0,
                i > 0 && lines[i - 1].EndsWith(':') ? 1 : 0,
                Math.Min(3, line.Length / meanBestLine),
                scores[i] < 0 && ((i > 0 && scores[i - 1] < 0) || (i + 1 < count && scores[i + 1] < 0)) ? 1 : 0,
            ];
        }
        return rows;
    }

    /// <summary>Share of the lines in [from, to) (clipped to the text) that read as prose.</summary>
    private static double ProseShare(int[] scores, int from, int to)
    {
        from = Math.Max(0, from);
        to = Math.Min(scores.Length, to);
        if (to <= from)
        {
            return 0;
        }
        var prose = 0;
        for (var i = from; i < to; i++)
        {
            prose += scores[i] > 0 ? 1 : 0;
        }
        return prose / (double)(to - from);
    }
}
