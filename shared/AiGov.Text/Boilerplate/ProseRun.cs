namespace AiGov.Text.Boilerplate;

/// <summary>The article of a scraped text is usually one contiguous run of prose: menus before it, related headlines
/// and footers after. Each line scores its length when it reads as prose (enough words, or a sentence's end) and
/// costs <see cref="NonProseCost"/> when it does not; the runs with the highest sums (Kadane's maximum subarray, as in
/// Finn et al.'s Body Text Extraction, which no library serves for lines of text) make the body: from the first run to
/// the last that has at least <see cref="KeepShareBefore"/> (before the best) or <see cref="KeepShareAfter"/> (after it)
/// of the best one's sum, with up to two title lines before it. Lines outside are returned for the audit. On
/// trafilatura's pages as text dumps: F1 0.721 → 0.845 (docs/CLEANING.md).</summary>
internal static class ProseRun
{
    /// <summary>What a line that does not read as prose costs the run that crosses it (characters of prose).</summary>
    public const int NonProseCost = 60;

    /// <summary>A title line above a subheading needs this many words to be taken for the headline.</summary>
    public const int FullHeadlineWords = 5;

    /// <summary>Texts with fewer lines are left whole.</summary>
    public const int MinimumLines = 8;

    public static (string Text, List<string> Outside) Keep(string text)
    {
        var lines = text.Split('\n');
        var content = Enumerable.Range(0, lines.Length).Where(i => lines[i].Trim().Length > 0).ToList();
        if (content.Count < MinimumLines)
        {
            return (text, []);
        }
        var scores = Scores(content.Select(i => lines[i].Trim()).ToList());
        var runs = Runs(scores);
        if (runs.Count == 0)
        {
            return (text, []);
        }
        var best = runs.Max(run => run.Sum);
        var keep = new bool[content.Count];
        var bestStart = runs.First(run => run.Sum == best).Start;
        foreach (var (start, end, sum) in runs)
        {
            if (start != bestStart && sum < (start < bestStart ? KeepShareBefore : KeepShareAfter) * best)
            {
                continue;
            }
            for (var k = start; k <= end; k++)
            {
                keep[k] = true;
            }
            // The headline and a subheading: the line just before the run when it reads as a title, and the one
            // before that when it reads as a full headline (a menu line such as "Menu Search Sign in" is shorter).
            if (start > 0 && LooksLikeHeadline(lines[content[start - 1]].Trim(), 2))
            {
                keep[start - 1] = true;
                if (start > 1 && LooksLikeHeadline(lines[content[start - 2]].Trim(), FullHeadlineWords))
                {
                    keep[start - 2] = true;
                }
            }
        }
        // The body is one stretch: what lies between two kept runs (a list, a table, short lines of a recipe) is part of it.
        var first = Array.IndexOf(keep, true);
        var last = Array.LastIndexOf(keep, true);
        for (var k = first; k >= 0 && k <= last; k++)
        {
            keep[k] = true;
        }
        var kept = new List<string>();
        var outside = new List<string>();
        for (var k = 0; k < content.Count; k++)
        {
            (keep[k] ? kept : outside).Add(lines[content[k]].Trim());
        }
        return outside.Count == 0 ? (text, []) : (string.Join('\n', kept), outside);
    }

    /// <summary>Each line's score: its length when it reads as prose, else minus <see cref="NonProseCost"/>. A sentence
    /// broken over lines (a &lt;br&gt; inside a paragraph, hard-wrapped text) is judged whole: a line that does not
    /// end like a sentence and the lines after it that start in lower case are one unit.</summary>
    private static int[] Scores(List<string> lines)
    {
        var scores = new int[lines.Count];
        var start = 0;
        while (start < lines.Count)
        {
            var end = start + 1;
            while (end < lines.Count && !EndsLikeSentence(lines[end - 1]) && StartsInLowerCase(lines[end]))
            {
                end++;
            }
            var prose = IsProse(end - start == 1 ? lines[start] : string.Join(' ', lines.GetRange(start, end - start)));
            for (var i = start; i < end; i++)
            {
                scores[i] = prose ? lines[i].Length : -NonProseCost;
            }
            start = end;
        }
        return scores;
    }

    private static bool StartsInLowerCase(string line) => line.Length > 0 && char.IsLower(line[0]);

    /// <summary>A run before the best one is kept when its sum is at least this share of the best run's: an article split
    /// by an inserted box is two runs, and its opening paragraphs are often shorter than its body.</summary>
    public const double KeepShareBefore = 0.1;

    /// <summary>A run after the best one needs this share: what follows an article (teasers with their first sentence,
    /// comments, an author's bio) is prose too, but in shorter runs (docs/CLEANING.md: 0.2 on both sides gave 0.836,
    /// 0.1 before and 0.4 after 0.845).</summary>
    public const double KeepShareAfter = 0.4;

    internal static bool IsProse(string line)
    {
        var words = WhitespaceCollapser.WordCount(line);
        var cjk = line.Count(c => c is >= '\u3040' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7AF');
        if (cjk >= 10)
        {
            return cjk >= 25 || EndsLikeSentence(line);
        }
        return words >= 12 || (words >= 5 && EndsLikeSentence(line));
    }

    private static bool LooksLikeHeadline(string line, int minimumWords)
    {
        var words = WhitespaceCollapser.WordCount(line);
        return words >= minimumWords && words <= 25 && !EndsLikeSentence(line) && line.Length <= 200;
    }

    private static bool EndsLikeSentence(string line)
    {
        var trimmed = line.TrimEnd('"', '”', '“', '’', '‘', '»', '«', ')', '」', '』', ' ');
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
