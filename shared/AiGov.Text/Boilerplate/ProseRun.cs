using AiGov.Text.BodyLines;

namespace AiGov.Text.Boilerplate;

/// <summary>The article of a scraped text is usually one contiguous run of prose: menus before it, related headlines
/// and footers after. Each line scores its length when it reads as prose (enough words, or a sentence's end), 0 when
/// it is shaped like a headline, and costs <see cref="NonProseCost"/> when it is neither; the runs with the highest sums
/// (Kadane's maximum subarray, as in Finn et al.'s Body Text Extraction, which no library serves for lines of text) make
/// the body stretch: from the first kept run to the last (<see cref="KeptRuns"/>), with up to two title lines before it
/// (<see cref="Layout"/>). Within and around that stretch, the classifier of body lines
/// (<see cref="BodyLines.LineClassifier"/>) decides line by line. Lines not kept are returned for the audit. On
/// trafilatura's pages as text dumps: F1 0.721 → 0.881 with the stretch alone, 0.896 held out with the classifier
/// (docs/CLEANING.md).</summary>
internal static class ProseRun
{
    /// <summary>What a line that does not read as prose costs the run that crosses it (characters of prose), when it
    /// stands alone between paragraphs (a caption, a subheading).</summary>
    public const int NonProseCost = 80;

    /// <summary>Each further line of a block of non-prose lines costs this much more than the one before, up to
    /// <see cref="MaxNonProseCost"/>: a menu, a list of links or a comment's name, date and reply lines break a run
    /// more than a caption does (text dumps: F1 0.877 → 0.880; a step of 20 gave 0.879, 80 without a cap 0.880 with
    /// less recall).</summary>
    public const int NonProseCostStep = 40;

    /// <summary>The most a single non-prose line costs.</summary>
    public const int MaxNonProseCost = 400;

    /// <summary>A title line above a subheading needs this many words to be taken for the headline.</summary>
    public const int FullHeadlineWords = 5;

    /// <summary>Texts with fewer lines are left whole.</summary>
    public const int MinimumLines = 8;

    /// <summary>A text whose best run sums to less, and to less than a quarter of all its prose, has no body of prose
    /// (lyrics, a recipe, a table between menus) and is left whole.</summary>
    public const int MinimumBodySum = 300;

    public static (string Text, List<string> Outside) Keep(string text)
    {
        if (Layout(text) is not { } layout)
        {
            return (text, []);
        }
        var keep = LineClassifier.Default.Keep(layout);
        var kept = new List<string>();
        var outside = new List<string>();
        for (var k = 0; k < layout.Lines.Count; k++)
        {
            (keep[k] ? kept : outside).Add(layout.Lines[k]);
        }
        return outside.Count == 0 ? (text, []) : (string.Join('\n', kept), outside);
    }

    /// <summary>The lines of <paramref name="text"/>, their scores and the stretch the runs of prose make the body;
    /// null when the text is left whole (too few lines, or no body of prose).</summary>
    internal static BodyLayout? Layout(string text)
    {
        var lines = text.Split('\n');
        var content = lines.Select(line => line.Trim()).Where(line => line.Length > 0).ToList();
        if (content.Count < MinimumLines)
        {
            return null;
        }
        var scores = Scores(content);
        var runs = Runs(scores);
        if (runs.Count == 0)
        {
            return null;
        }
        var bestIndex = BestIndex(runs);
        if (HasNoBody(scores, runs[bestIndex].Sum))
        {
            return null;
        }
        var keep = new bool[content.Count];
        var headlines = new bool[content.Count];
        foreach (var (start, end) in KeptRuns(runs, bestIndex))
        {
            for (var k = start; k <= end; k++)
            {
                keep[k] = true;
            }
            // The headline and a subheading: the line just before the run when it reads as a title, and the one
            // before that when it reads as a full headline (a menu line such as "Menu Search Sign in" is shorter).
            if (start > 0 && LooksLikeHeadline(content[start - 1], 2))
            {
                keep[start - 1] = headlines[start - 1] = true;
                if (start > 1 && LooksLikeHeadline(content[start - 2], FullHeadlineWords))
                {
                    keep[start - 2] = headlines[start - 2] = true;
                }
            }
        }
        // The body is one stretch: what lies between two kept runs (a list, a table, short lines of a recipe) is part of it.
        var first = Array.IndexOf(keep, true);
        var last = Array.LastIndexOf(keep, true);
        var (bestStart, bestEnd, bestSum) = runs[bestIndex];
        var headlineLines = headlines[first] ? (first + 1 < content.Count && headlines[first + 1] ? 2 : 1) : 0;
        return new BodyLayout(content, scores, bestStart, bestEnd, bestSum, first, last, headlineLines);
    }

    /// <summary>The first run with the highest sum.</summary>
    private static int BestIndex(List<(int Start, int End, int Sum)> runs)
    {
        var bestIndex = 0;
        for (var r = 1; r < runs.Count; r++)
        {
            bestIndex = runs[r].Sum > runs[bestIndex].Sum ? r : bestIndex;
        }
        return bestIndex;
    }

    private static bool HasNoBody(int[] scores, int best) =>
        best < MinimumBodySum && best < scores.Where(score => score > 0).Sum() / 4;

    /// <summary>The best run and the runs kept with it, walking outward from it. A run before it is kept when it holds
    /// <see cref="KeepShareBefore"/> of the best one's sum, or when it is prose (at least <see cref="NearRunSum"/>) no
    /// more than <see cref="NearRunGap"/> lines above what is kept: an opening paragraph set apart by a photo and its
    /// credit. A run after it needs <see cref="KeepShareAfter"/>.</summary>
    private static IEnumerable<(int Start, int End)> KeptRuns(List<(int Start, int End, int Sum)> runs, int bestIndex)
    {
        var (bestStart, bestEnd, best) = runs[bestIndex];
        yield return (bestStart, bestEnd);

        var top = bestStart;
        for (var r = bestIndex - 1; r >= 0; r--)
        {
            var (start, end, sum) = runs[r];
            if (sum >= KeepShareBefore * best || (top - end - 1 <= NearRunGap && sum >= NearRunSum))
            {
                top = start;
                yield return (start, end);
            }
        }
        foreach (var (start, end, sum) in runs.Skip(bestIndex + 1))
        {
            if (sum >= KeepShareAfter * best)
            {
                yield return (start, end);
            }
        }
    }

    /// <summary>A prose run this close (in lines) above the kept body joins it whatever its share.</summary>
    public const int NearRunGap = 5;

    /// <summary>The sum a near run needs to join the body.</summary>
    public const int NearRunSum = 100;

    /// <summary>Each line's score: its length when it reads as prose, 0 when it is shaped like a headline (its length on a
    /// page where such lines outweigh the sentences), else minus <see cref="NonProseCost"/>, more within a block of
    /// such lines (<see cref="NonProseCostStep"/>). A sentence
    /// broken over lines (a &lt;br&gt; inside a paragraph, hard-wrapped text) is judged whole: a line that does not
    /// end like a sentence and the lines after it that start in lower case are one unit.</summary>
    private static int[] Scores(List<string> lines)
    {
        var kinds = new LineKind[lines.Count];
        int sentenceLength = 0, headlineLength = 0;
        var start = 0;
        while (start < lines.Count)
        {
            var end = start + 1;
            while (end < lines.Count && !EndsLikeSentence(lines[end - 1]) && StartsInLowerCase(lines[end]))
            {
                end++;
            }
            var unit = end - start == 1 ? lines[start] : string.Join(' ', lines.GetRange(start, end - start));
            var kind = KindOf(unit);
            for (var i = start; i < end; i++)
            {
                kinds[i] = kind;
            }
            sentenceLength += kind == LineKind.Prose ? unit.Length : 0;
            headlineLength += kind == LineKind.HeadlineLike ? unit.Length : 0;
            start = end;
        }
        // On a page of lists and headlines the headline-like lines are what there is to read.
        var headlineScore = headlineLength > sentenceLength;
        var scores = new int[lines.Count];
        var streak = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            scores[i] = kinds[i] switch
            {
                LineKind.Prose => lines[i].Length,
                LineKind.HeadlineLike => headlineScore ? lines[i].Length : 0,
                _ => -Math.Min(NonProseCost + (NonProseCostStep * streak), MaxNonProseCost),
            };
            // Headline-shaped lines neither extend a run nor break a block of non-prose lines.
            streak = kinds[i] switch { LineKind.Other => streak + 1, LineKind.Prose => 0, _ => streak };
        }
        return scores;
    }

    private enum LineKind { Other, Prose, HeadlineLike }

    /// <summary>Prose, or a line long enough for prose that does not end like a sentence and has under
    /// <see cref="HeadlineLikeWords"/> words: the headline of a teaser as often as a paragraph.</summary>
    private static LineKind KindOf(string unit)
    {
        if (!IsProse(unit))
        {
            return LineKind.Other;
        }
        return !EndsLikeSentence(unit) && CjkCount(unit) < 10 && WhitespaceCollapser.WordCount(unit) < HeadlineLikeWords
            ? LineKind.HeadlineLike
            : LineKind.Prose;
    }

    /// <summary>A line without a sentence end needs this many words to be taken for a paragraph rather than a headline.</summary>
    public const int HeadlineLikeWords = 20;

    private static bool StartsInLowerCase(string line) => line.Length > 0 && char.IsLower(line[0]);

    /// <summary>A run before the best one is kept when its sum is at least this share of the best run's: an article split
    /// by an inserted box is two runs, and its opening paragraphs are often shorter than its body. Since a block of
    /// non-prose lines costs more (<see cref="NonProseCostStep"/>), an article's opening is split off more often: 0.1
    /// left 16 text dumps with nothing of their article, 0.05 12 (F1 0.880 → 0.881; 0.02 0.879, 0.2 0.875).</summary>
    public const double KeepShareBefore = 0.05;

    /// <summary>A run after the best one needs this share: what follows an article (teasers with their first sentence,
    /// comments, an author's bio) is prose too, but in shorter runs (docs/CLEANING.md: 0.2 on both sides gave 0.836,
    /// 0.1 before and 0.4 after 0.845).</summary>
    public const double KeepShareAfter = 0.4;

    internal static bool IsProse(string line)
    {
        var words = WhitespaceCollapser.WordCount(line);
        var cjk = CjkCount(line);
        if (cjk >= 10)
        {
            return cjk >= 25 || EndsLikeSentence(line);
        }
        return words >= 12 || (words >= 5 && EndsLikeSentence(line));
    }

    private static int CjkCount(string line) => line.Count(c => c is >= '\u3040' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7AF');

    private static bool LooksLikeHeadline(string line, int minimumWords)
    {
        var words = WhitespaceCollapser.WordCount(line);
        return words >= minimumWords && words <= 25 && !EndsLikeSentence(line) && line.Length <= 200;
    }

    internal static bool EndsLikeSentence(string line)
    {
        var trimmed = line.AsSpan().TrimEnd("\"”“’‘»«)」』 ");
        return trimmed.Length > 0 && trimmed[^1] is '.' or '!' or '?' or '。' or '！' or '？' or ':' or '…';
    }


    /// <summary>Kadane's scan: each stretch between resets (where the running sum falls to zero or below) gives the
    /// run from its start to its highest point. (Extending a run to its last prose line that still held half of that
    /// sum kept a closing paragraph after a list, but also the related headlines: F1 0.767 instead of 0.827.)</summary>
    private static List<(int Start, int End, int Sum)> Runs(int[] scores)
    {
        var runs = new List<(int, int, int)>();
        int sum = 0, start = 0, bestSum = 0, bestEnd = -1;
        for (var i = 0; i < scores.Length; i++)
        {
            if (sum <= 0)
            {
                if (bestEnd >= 0)
                {
                    runs.Add((start, bestEnd, bestSum));
                }
                sum = 0;
                start = i;
                bestSum = 0;
                bestEnd = -1;
            }
            sum += scores[i];
            if (sum > bestSum)
            {
                (bestSum, bestEnd) = (sum, i);
            }
        }
        if (bestEnd >= 0)
        {
            runs.Add((start, bestEnd, bestSum));
        }
        return runs;
    }
}
