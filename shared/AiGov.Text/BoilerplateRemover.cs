using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using AiGov.Text.Boilerplate;
using AiGov.Text.StopWords;

namespace AiGov.Text;

/// <summary>
/// Removes site chrome that survives text extraction: teaser lists, comment forms, share and subscribe widgets,
/// credits, footers, bylines, dates, CMS debris and appended text in another script. The phrases are data
/// (Boilerplate/*.txt, one file per language); this class holds only the rules that are not phrases.
/// </summary>
public static partial class BoilerplateRemover
{
    // Longest line the shape rules (byline, date, menu) look at: they describe short lines, and the cap keeps a
    // 10 MiB single-line text linear.
    private const int MaxShortLine = 200;

    // Longest line taken for a photo caption when it ends with a credit.
    private const int MaxCaptionLine = 300;

    // A leading navigation run needs this many short menu-like lines.
    private const int MinNavigationRun = 3;

    // Stop-word thresholds (StopWords/*.txt). Prose in its own language measures 0.3–0.55 on these lists (the
    // seeds: 0.38–0.47 in English); another language of the same script measures under 0.1.
    private const int MinClearWords = 8;
    private const int MinClearStopWords = 3;
    private const double MinClearDensity = 0.2;
    private const double MinBodyStopWordDensity = 0.2;
    private const int MinBodyStopWords = 10;
    private const int MinForeignRunWords = 15;
    private const double MaxForeignRunShare = 0.6;
    private const double MaxBodyShareInForeign = 0.6;

    // A trailing list: at least three items (two are as often the article's own short list) of at most six words
    // (or twelve Han characters) and 60 characters, at most a fifth of the text.
    private const int MinListLines = 3;
    private const int MaxListItemLength = 60;
    private const int MaxListItemWords = 6;
    private const double MaxListShare = 0.2;

    // Every credit PhotoCreditEndRegex knows has one of these: "©", "(Foto: …)", "Photo: …", "… / Getty Images".
    private static readonly SearchValues<char> s_creditMarks = SearchValues.Create("©:/)");

    // The separators of MenuLineRegex.
    private static readonly SearchValues<char> s_menuSeparators = SearchValues.Create("|•·»>/");

    /// <summary>Removes boilerplate and returns the kept text only (see <see cref="Apply"/>).</summary>
    public static string Remove(string text, string? title = null) => Apply(text, title).Text;

    /// <summary>
    /// Removes boilerplate from normalised text (paragraphs separated by blank lines, lines by \n) and reports every
    /// removed block with its label. In order: a navigation run at the very top; tail sections that start with a
    /// marker line in the last part of the text (cut to the end); single boilerplate lines anywhere (phrase lists,
    /// bylines, date lines, menus, CMS debris around a repeated <paramref name="title"/>); then a trailing run of
    /// paragraphs in another script or (by stop-word density) another language than the article's, a trailing list of
    /// short items without stop words (tags, share buttons), and a bracketed credit after the last sentence
    /// ("(New Society)", "（完）"). The result is normalised again.
    /// </summary>
    public static BoilerplateResult Apply(string text, string? title = null) => Apply(text, title, null);

    /// <summary><see cref="Apply(string, string?)"/>, also dropping every line found in <paramref name="siteLines"/>
    /// (normalised with <see cref="SitePhrases.NormalizeLine"/>: the phrases mined for the document's site) with the
    /// label <c>site-repeat</c>.</summary>
    public static BoilerplateResult Apply(string text, string? title, IReadOnlySet<string>? siteLines)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalizedTitle = string.IsNullOrWhiteSpace(title) ? null : TextNormalizer.Normalize(title);
        var matcher = PhraseLists.Matcher;
        var lines = text.Split('\n');
        var body = new RemovalAudit();
        var tail = new RemovalAudit();
        var kept = new List<string>(lines.Length);
        var navigationEnd = LeadingNavigationEnd(lines, matcher);
        var offset = 0;
        var seenContent = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var position = text.Length == 0 ? 0 : (double)offset / text.Length;
            offset += lines[i].Length + 1;
            if (line.Length == 0)
            {
                kept.Add(string.Empty);
                continue;
            }

            if (i < navigationEnd)
            {
                body.Add("nav", line);
                continue;
            }

            if (siteLines is not null && line.Length <= SitePhrases.MaxLineLength && siteLines.Contains(SitePhrases.NormalizeLine(line)))
            {
                body.Add("site-repeat", line);
                continue;
            }

            var section = matcher.Match(line);
            if (section is { Kind: PhraseKind.Tail } && position >= section.MinPosition)
            {
                CutTail(lines, i, section.Label, matcher, tail);
                break;
            }

            var label = section?.Label ?? ClassifyLine(new LineContext(line, normalizedTitle, !seenContent));
            seenContent = true;
            if (label is not null)
            {
                body.Add(label, line);
                continue;
            }

            kept.Add(line);
            body.Keep();
        }

        var removed = new List<RemovedText>(body.Blocks);
        var paragraphs = SplitParagraphs(string.Join('\n', kept));
        if ((RemoveTrailingForeignScriptRun(paragraphs) ?? RemoveTrailingForeignLanguageRun(paragraphs)) is { } foreignTail)
        {
            removed.Add(new RemovedText("foreign-tail", foreignTail));
        }

        if (RemoveTrailingLinkList(paragraphs) is { } linkList)
        {
            removed.Add(new RemovedText("link-list", linkList));
        }

        if (RemoveTrailingCredit(paragraphs) is { } credit)
        {
            removed.Add(new RemovedText("credit", credit));
        }

        removed.AddRange(tail.Blocks);
        return new BoilerplateResult(TextNormalizer.Normalize(string.Join("\n\n", paragraphs)), removed);
    }

    /// <summary>
    /// The value of the last "Source: …" line (e.g. a URL or agency name), which <see cref="Remove"/> drops from
    /// the text but which callers may want to keep as metadata; null when there is none.
    /// </summary>
    public static string? FindSourceAttribution(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? source = null;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length > 260)
            {
                continue;
            }

            var match = SourceValueRegex().Match(line);
            if (match.Success)
            {
                source = match.Groups[1].Value.Trim();
            }
        }

        return source;
    }

    /// <summary>Everything from a tail marker to the end; later markers start new blocks with their own label.</summary>
    private static void CutTail(string[] lines, int start, string label, PhraseMatcher matcher, RemovalAudit tail)
    {
        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (i > start && matcher.Match(line) is { Kind: PhraseKind.Tail } section)
            {
                label = section.Label;
            }

            tail.Add(label, line);
        }
    }

    /// <summary>Labels single lines that are not phrases: bylines, date lines, menus, title debris, a repeated title.</summary>
    private static string? ClassifyLine(LineContext context)
    {
        var line = context.Line;
        if (line.Length <= MaxCaptionLine && line.AsSpan().ContainsAny(s_creditMarks) && PhotoCreditEndRegex().IsMatch(line))
        {
            return "caption";
        }

        if (line.Length > MaxShortLine)
        {
            return null;
        }

        // Every byline label contains "By", "BY" or "by".
        if ((line.Contains("By", StringComparison.Ordinal) || line.Contains("BY", StringComparison.Ordinal) || line.Contains("by", StringComparison.Ordinal))
            && BylineRegex().IsMatch(line))
        {
            return "byline";
        }

        // Date and info lines contain a date, hence a digit; a menu line has separators. Cheap tests first.
        var hasDigit = DatePatterns.HasDigit(line);
        if (line.Length <= 80 && hasDigit && DateLineRegex().IsMatch(line))
        {
            return "date";
        }

        if (line.Length <= 120 && hasDigit && InfoLineRegex().IsMatch(line))
        {
            return "byline";
        }

        if (line.AsSpan().ContainsAny(s_menuSeparators) && MenuLineRegex().IsMatch(line))
        {
            return "nav";
        }

        if (IsTitleDebris(context))
        {
            return "debris";
        }

        if (context.Title is not null && !context.IsFirstLine && string.Equals(line, context.Title, StringComparison.OrdinalIgnoreCase))
        {
            return "title-repeat";
        }

        return null;
    }

    /// <summary>
    /// Index after a run of at least three menu items at the top ("Home", "World", "Tech", …: one or two words, no
    /// punctuation) of which one is a known navigation phrase; 0 when the text does not start like that.
    /// </summary>
    private static int LeadingNavigationEnd(string[] lines, PhraseMatcher matcher)
    {
        var items = 0;
        var knownItem = false;
        var end = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Length > 30 || !MenuItemRegex().IsMatch(line))
            {
                break;
            }

            items++;
            knownItem |= matcher.Match(line) is { Label: "nav" };
            end = i + 1;
        }

        return items >= MinNavigationRun && knownItem ? end : 0;
    }

    private static bool IsTitleDebris(LineContext context)
    {
        var title = context.Title;
        if (title is null || title.Length < 10 || context.Line.Length == title.Length
            || context.Line.Length > title.Length + 40)
        {
            return false;
        }

        var index = context.Line.IndexOf(title, StringComparison.OrdinalIgnoreCase);
        if (index < 0)
        {
            return false;
        }

        // Debris has no words of its own: "百科" + title + "已关闭评论 3阅读模式". A sentence quoting the title
        // ("…, experts say.") has Latin words around it and is kept.
        var leftover = context.Line.Remove(index, title.Length);
        return !LatinWordRegex().IsMatch(leftover);
    }

    private static List<string> SplitParagraphs(string text) =>
        text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(paragraph => paragraph.Length > 0)
            .ToList();

    /// <summary>Cuts unrelated content appended in another writing system after the article, like the Chinese game
    /// advertisements after an English report: the trailing paragraphs, each mostly in one script (share ≥ 0.5), when
    /// the paragraphs before them are mostly in a different one. A Latin tail is never cut: references, names and
    /// sources after a Chinese, Russian or Arabic article are usually part of it.</summary>
    private static string? RemoveTrailingForeignScriptRun(List<string> paragraphs)
    {
        if (paragraphs.Count < 2)
        {
            return null;
        }
        var (tailScript, tailShare) = ScriptCounter.Dominant(paragraphs[^1]);
        if (tailScript is WritingScript.None or WritingScript.Latin || tailShare < 0.5)
        {
            return null;
        }

        var firstOfRun = paragraphs.Count - 1;
        while (firstOfRun > 0 && ScriptCounter.Dominant(paragraphs[firstOfRun - 1]) is var (script, share) && script == tailScript && share >= 0.5)
        {
            firstOfRun--;
        }
        if (firstOfRun == 0)
        {
            return null;
        }

        var (bodyScript, bodyShare) = ScriptCounter.Dominant(string.Join('\n', paragraphs.Take(firstOfRun)));
        if (bodyScript == tailScript || bodyScript == WritingScript.None || bodyShare <= 0.5)
        {
            return null;
        }

        var removed = string.Join('\n', paragraphs.Skip(firstOfRun));
        paragraphs.RemoveRange(firstOfRun, paragraphs.Count - firstOfRun);
        return removed;
    }

    /// <summary>
    /// Cuts unrelated content appended in another language of the same script, like a Spanish advertisement after an
    /// English article, by stop-word density: the trailing paragraphs whose stop words are clearly those of one other
    /// language (<see cref="IsClearlyIn"/>), with paragraphs without a clear language between them, after a body whose
    /// densest stop words are of a different language. The run must be shorter than
    /// <see cref="MaxForeignRunShare"/> of the body's words, so a document followed by its full translation (bilingual
    /// Canadian or Swiss texts) keeps both halves.
    /// </summary>
    private static string? RemoveTrailingForeignLanguageRun(List<string> paragraphs)
    {
        if (paragraphs.Count < 2)
        {
            return null;
        }

        var lists = StopWordLists.Embedded;
        var profiles = paragraphs.Select(paragraph => lists.Measure(paragraph)).ToArray();
        string? tailLanguage = null;
        var firstForeign = -1;
        for (var i = paragraphs.Count - 1; i >= 0; i--)
        {
            if (profiles[i].Densest is not { } densest || !IsClearlyIn(densest))
            {
                continue;
            }

            if (tailLanguage is not null && densest.Language != tailLanguage)
            {
                break;
            }

            (tailLanguage, firstForeign) = (densest.Language, i);
        }

        // Paragraphs without a clear language before the first foreign one stay with the body.
        if (tailLanguage is null || firstForeign <= 0)
        {
            return null;
        }

        var bodyProfile = StopWordProfile.Sum(lists, profiles.Take(firstForeign));
        if (bodyProfile.Densest is not { } body || body.Language == tailLanguage || body.Density < MinBodyStopWordDensity
            || body.StopWords < MinBodyStopWords)
        {
            return null;
        }

        var runWords = 0;
        for (var i = firstForeign; i < paragraphs.Count; i++)
        {
            var inTail = profiles[i].For(tailLanguage);
            // A paragraph of the run with nearly as many of the body's stop words as of its own is not clearly foreign
            // (Italian "a", "in", "i" are English stop words too: an Italian paragraph measures ~0.15 in English
            // against ~0.3 in Italian).
            if (IsClearlyIn(inTail) && profiles[i].For(body.Language).StopWords > MaxBodyShareInForeign * inTail.StopWords)
            {
                return null;
            }

            runWords += inTail.Words;
        }

        if (runWords < MinForeignRunWords || runWords > MaxForeignRunShare * body.Words)
        {
            return null;
        }

        var removed = string.Join('\n', paragraphs.Skip(firstForeign));
        paragraphs.RemoveRange(firstForeign, paragraphs.Count - firstForeign);
        return removed;
    }

    /// <summary>A paragraph is clearly in a language when it has enough words and stop words and its density in that
    /// language is one of prose.</summary>
    private static bool IsClearlyIn(StopWordDensity density) =>
        density.Words >= MinClearWords && density.StopWords >= MinClearStopWords && density.Density >= MinClearDensity;

    /// <summary>
    /// Cuts a list of short items after the article's last sentence: tags, topics, share buttons, link titles. Each
    /// line of the run is short, does not end a sentence and has not one stop word of the body's language (prose
    /// always has some: "The law applies from 2026." has two); the run has at least three lines, the text before it
    /// ends with a sentence, and it is a small part of the text.
    /// </summary>
    private static string? RemoveTrailingLinkList(List<string> paragraphs)
    {
        if (paragraphs.Count == 0)
        {
            return null;
        }

        // Most texts end with a sentence: decided on the last line alone, before any joining and splitting.
        var last = paragraphs[^1];
        var lastLine = last[(last.LastIndexOf('\n') + 1)..].Trim();
        if (lastLine.Length > MaxListItemLength || EndsClause(lastLine))
        {
            return null;
        }

        var lines = string.Join("\n\n", paragraphs).Split('\n');
        var lists = StopWordLists.Embedded;
        var first = lines.Length;
        var listLines = 0;
        string? bodyLanguage = null;
        while (first > 0)
        {
            var line = lines[first - 1].Trim();
            if (line.Length == 0)
            {
                first--;
                continue;
            }

            if (line.Length > MaxListItemLength || EndsClause(line))
            {
                break;
            }

            var profile = lists.Measure(line);
            if (profile.Words + (profile.HanCharacters / 2) > MaxListItemWords || profile.Words + profile.HanCharacters == 0)
            {
                break;
            }

            bodyLanguage ??= lists.Measure(string.Join('\n', lines.Take(first - 1))).Densest?.Language;
            if (bodyLanguage is null || profile.For(bodyLanguage).StopWords > 0)
            {
                break;
            }

            listLines++;
            first--;
        }

        if (listLines < MinListLines)
        {
            return null;
        }

        var before = string.Join('\n', lines.Take(first)).TrimEnd();
        if (before.Length == 0 || !EndsSentence(before))
        {
            return null;
        }

        var removed = string.Join('\n', lines.Skip(first).Select(line => line.Trim()).Where(line => line.Length > 0));
        if (removed.Length > MaxListShare * (before.Length + removed.Length))
        {
            return null;
        }

        paragraphs.Clear();
        paragraphs.AddRange(SplitParagraphs(before));
        return removed;
    }

    // A text ending with a colon introduces what follows ("The Act bans:"), so the list after it is the article's.
    private static bool EndsSentence(string text) => text.Length > 0 && text[^1] is '.' or '!' or '?' or '。' or '！' or '？' or '…'
        or '"' or '”' or '’' or '»' or ')' or '）' or '」' or '』';

    private static bool EndsClause(string text) => EndsSentence(text) || text[^1] is ':' or ';' or ',' or '：' or '；' or '，' or '、';

    /// <summary>Cuts a bracketed source or reporter credit after the last sentence: "… mankind. (New Society)", "。（完）".</summary>
    private static string? RemoveTrailingCredit(List<string> paragraphs)
    {
        if (paragraphs.Count == 0)
        {
            return null;
        }

        var last = paragraphs[^1];
        var match = TrailingCreditRegex().Match(last.Length > 400 ? last[^400..] : last);
        if (!match.Success)
        {
            return null;
        }

        var kept = last[..^match.Length].TrimEnd();
        if (kept.Length == 0)
        {
            paragraphs.RemoveAt(paragraphs.Count - 1);
        }
        else
        {
            paragraphs[^1] = kept;
        }

        return match.Value.Trim();
    }

    // A photo caption or credit line ends with the credit: "… © AFP / Jane Doe", "(Foto: dpa)", "Photo: Reuters",
    // "Bild: Jahr Media", "Jane Doe / Getty Images".
    [GeneratedRegex(@"(?:©\s*[^©.!?,;]{1,70}|\(\s*(?:Foto|Photo|Bild|Crédito|Credit|Image|Fotos|Photos|Bildquelle|Quelle|Source)s?\b[^()]{0,70}\)"
        + @"|\b(?:Foto|Photo|Bild|Crédito|Credit|Image|Fotos|Photos|Crédits photos|Bildquelle|Fotoquelle)\s*:\s*[^.!?:]{1,60}"
        + @"|\b[\w.-]+\s*/\s*(?:Getty Images|iStock(?:\.com)?|Shutterstock|picture alliance|AFP|Reuters|dpa|AP))\.?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex PhotoCreditEndRegex();

    [GeneratedRegex(@"[A-Za-z]{2,}", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex LatinWordRegex();

    [GeneratedRegex(@"^(?:source|sources|来源)\s*[:：]\s*(\S.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex SourceValueRegex();

    // "By Admin", "Posted by Jane Doe | May 5, 2024": capitalised names only, so "By then, …" survives.
    [GeneratedRegex(@"^(?:[•·▪◦‣●■►\-*]\s*)?(?:By|BY|Posted by|Written by|Words by|Story by)\s+\p{Lu}[\p{L}.'’\-]*(?:\s+(?:\p{Lu}[\p{L}.'’\-]*|and|&|de|van|von|bin))*"
        + @"(?:\s*[|·•,–-]?\s*(?:(?i:published|updated|posted)\s*)?(?i:" + DatePatterns.Date + "))?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex BylineRegex();

    // Besides DatePatterns.Date, a day-first numeric date or a bare time ("27.01.2022", "12.12.2022, 08:30 Uhr",
    // "3:59 PM"): forms a line may be made of but that DatePatterns, which also reads published dates, leaves out.
    [GeneratedRegex(@"^(?:[•·▪◦‣●■►\-*]\s*)?(?:(?:published|updated|posted|posted on|date|aktualisiert|veröffentlicht|stand|发布时间|发表时间|时间|日期)\s*[:：]?\s*)?(?:"
        + DatePatterns.Date + @"|\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}(?:,?\s*(?:um\s*)?\d{1,2}[:.]\d{2}(?:\s*(?:uhr|h))?)?|\d{1,2}:\d{2}(?:\s*(?:[ap]\.?m\.?|uhr|h))?)"
        + @"(?:\s*[|·•]\s*\d+\s*min(?:ute)?s? read)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex DateLineRegex();

    // "2024-10-18 09:35:12 来源：新华网 作者：张伟": a date followed only by labelled source/author/editor fields.
    [GeneratedRegex(@"^(?:" + DatePatterns.Date + @")(?:\s*[|·•]?\s*(?:来源|作者|编辑|责任编辑|记者|source|author|by|editor)\s*[:：]?\s*[^\s|·•]{1,30}(?: [^\s|·•:：]{1,30}){0,2})+$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex InfoLineRegex();

    // "Home | World | Business | Tech": three or more short items between separators.
    [GeneratedRegex(@"^[^|•·»>/]{1,30}(?:\s[|•·»>/]\s[^|•·»>/]{1,30}){2,}$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex MenuLineRegex();

    [GeneratedRegex(@"^[\p{L}&'’]+(?: [\p{L}&'’]+)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex MenuItemRegex();

    [GeneratedRegex(@"(?<=[.!?。！？”""’])\s*(?:[(（](?:\p{Lu}[\p{L}.&'’\-]*(?: \p{Lu}[\p{L}.&'’\-]*){0,4}|完|[^()（）]{0,20}(?:记者|编辑|报道|供稿)[^()（）]{0,20})[)）])$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex TrailingCreditRegex();

    private sealed record LineContext(string Line, string? Title, bool IsFirstLine);
}
