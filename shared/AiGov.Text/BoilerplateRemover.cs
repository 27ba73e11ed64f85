using System.Text;
using System.Text.RegularExpressions;

namespace AiGov.Text;

/// <summary>Removes site chrome that survives text extraction: footers, comment forms, teasers, credits, appended spam.</summary>
public static partial class BoilerplateRemover
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    // Optional list bullet in front of a line ("• By Admin").
    private const string Bullet = @"^(?:[•·▪◦‣●■►\-*]\s*)?";

    // A calendar date with an optional time: "September 20, 2024", "20 Sep 2024", "2024-10-23 04:46:24", "2024年10月23日".
    private const string Date =
        @"(?:(?:" + Months + @")\.? \d{1,2},? \d{4}|\d{1,2} (?:" + Months + @")\.?,? \d{4}|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)"
        + @"(?:,? \d{1,2}:\d{2}(?::\d{2})?(?: ?[ap]\.?m\.?)?(?: [A-Z]{2,4})?)?";

    private const string Months =
        "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

    /// <summary>
    /// Tail markers: a line that is only this marker starts the page furniture after the article. When the line
    /// starts at or after <see cref="TailRule.MinPosition"/> (share of the text's characters) everything from it to
    /// the end is cut; earlier, only the marker line itself is dropped. Whole-line matching keeps sentences that
    /// merely mention "related posts" or "subscribe".
    /// </summary>
    private static readonly TailRule[] s_tailRules =
    [
        // "Related Posts", "You may also like", "Most read" teaser lists.
        new(Line(@"(?:related|similar) (?:posts?|articles?|stories|news|content|reading|coverage)|more (?:stories|news|articles) from .{1,40}|more from .{1,40}"
            + @"|you (?:may|might) also (?:like|enjoy)|recommended(?: for you| reading| articles?)?|most (?:read|popular|viewed|shared)|trending(?: now| stories)?|popular (?:posts|stories|articles)"
            + @"|猜你喜欢|相关(?:文章|阅读|推荐|新闻)|热门(?:文章|推荐)"), 0.5),

        // Comment forms and comment lists ("Leave a Reply", "3 Comments").
        new(Line(@"leave a (?:reply|comment)|post a comment|add a comment|\d+ (?:comments?|responses?|replies)|join the (?:conversation|discussion)|comments are closed\.?"), 0.5),

        // "You Missed" blocks of other posts with their bylines and dates.
        new(Line(@"you (?:may have )?missed"), 0.5),

        // Sponsored-content notices and share widgets. ("Subscribe" and "Advertisement" labels also appear inside
        // articles, so they are only dropped as lines, see below.)
        new(Line(@"important notice|sponsored content|this article is sponsored content\..*|share (?:this|the) (?:article|post|story|page)|share(?: (?:on|via) .{1,30})?"), 0.5),

        // Chinese publishing footers ("本文由 发表于 2024-10-23", "转载请注明:").
        new(Line(@"本文由.{0,40}发表于.*|转载请注明.*|版权声明.*|免责声明.*|(?:原文|文章)来源\s*[:：].*"), 0.5),

        // Copyright / reproduction statements ("Special statement: if the pictures ...").
        new(Line(@"special statement\s*[:：].*|copyright\s*(?:©|\(c\)|\d{4}).*|©\s*\d{4}.*|all rights reserved\.?"), 0.5),

        // Generic footers that can also head a real section of a long policy text: only cut near the end.
        new(Line(@"disclaimer(?:\s*[:：].*)?|tags?\s*[:：].*|about the author"), 0.8),
    ];

    /// <summary>Lines dropped wherever they occur.</summary>
    private static readonly LineRule[] s_lineRules =
    [
        // Cross-links to other articles: "ALSO READ: …", "Read more: …".
        LineRule.FromRegex(Line(@"(?:also read|read more|read also|see also|more on this|related|recommended|further reading)\s*[:：].*"), 400),

        // Photo credits: "Photo: CFP", "(Image: Reuters)", "图片来源：视觉中国".
        LineRule.FromRegex(Line(@"\(?(?:photos?|images?|pictures?|pic|illustration|file photo|photo credit|image credit|credit|图|图片|图片来源|摄影|摄)\s*[:：/]\s*.{1,100}?\)?"), 120),

        // Editor lines: "Edit:Yi Jing Responsible editor:Li Nian", "责任编辑：…".
        LineRule.FromRegex(Line(@"(?:edit|editor|edited by|responsible editor|chief editor|editor[- ]in[- ]charge|责任编辑|编辑|责编)\s*[:：].{0,150}"), 200),

        // Source attributions: "Source:XinhuaNet", "Source: https://…" (see FindSourceAttribution).
        LineRule.FromRegex(Line(@"(?:source|sources|via|来源)\s*[:：]\s*\S.{0,240}"), 260),

        // Bylines of the form "By Admin" / "Posted by Jane Doe", optionally followed by a date (capitalised names
        // only, so "By then, …" survives).
        LineRule.FromRegex(new Regex(Bullet + @"(?:By|BY|Posted by|Written by)\s+\p{Lu}[\p{L}.'’\-]*(?:\s+(?:\p{Lu}[\p{L}.'’\-]*|and|&|de|van|von|bin))*"
            + @"(?:\s*[|·•,–-]?\s*(?i:" + Date + "))?$", RegexOptions.CultureInvariant), 120),

        // Date-only lines: "September 20, 2024", "20 Sep 2024", "2024-08-16", "2024-10-23 04:46:24", "2024年10月23日".
        LineRule.FromRegex(Line(@"(?:(?:published|updated|posted|date)\s*[:：]?\s*)?(?:" + Date + ")"), 80),

        // Comment-form furniture.
        LineRule.FromRegex(Line(@"your email address will not be published\..*|required fields are marked.*|cancel reply|post comment|save my name, email, and website.*"
            + @"|notify me of (?:follow-up comments|new posts).*"), 200),

        // Widget labels that can sit between article paragraphs.
        LineRule.FromRegex(Line(@"advertisement|advertising|sponsored|ad|story continues below(?: this)? advertisement|continue reading(?: below)?|scroll to continue(?: with content)?"
            + @"|subscribe(?: now| here| to .{1,60})?|sign up for (?:our|the) newsletter.*"), 120),

        // Subscribe-box fine print: "By pressing the Subscribe button, you confirm that you have read our Privacy Policy."
        LineRule.FromRegex(Line(@"by (?:pressing|clicking|tapping) the subscribe button.*|by (?:subscribing|signing up|clicking).{0,200}(?:privacy policy|terms).*"), 300),

        // CMS widgets of Chinese templates ("已关闭评论", "3阅读模式").
        LineRule.FromRegex(new Regex(@"已关闭评论|评论已关闭|阅读模式|\d+\s*(?:阅读|浏览)\s*$", Options), 200),

        // CMS debris that glues tokens around a repeated title: "百科<title>已关闭评论 3阅读模式".
        new LineRule(IsTitleDebris),

        // The title repeated later as a heading of some teaser (the first line keeps it).
        new LineRule(context => context.Title is not null && !context.IsFirstLine
            && string.Equals(context.Line, context.Title, StringComparison.OrdinalIgnoreCase)),
    ];

    /// <summary>
    /// Removes boilerplate from normalised text (paragraphs separated by blank lines, lines by \n):
    /// tail sections that start with a marker line in the last part of the document (see the tail rule table),
    /// single boilerplate lines (cross-links, photo credits, editor/source lines, bylines, dates, comment forms,
    /// CMS debris around a repeated <paramref name="title"/>), and, when the text is mainly Latin script, a
    /// trailing run of paragraphs written mostly in CJK (appended spam). The result is normalised again.
    /// </summary>
    public static string Remove(string text, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalizedTitle = string.IsNullOrWhiteSpace(title) ? null : TextNormalizer.Normalize(title);
        var lines = text.Split('\n');
        var kept = new List<string>(lines.Length);
        var offset = 0;
        var seenContent = false;
        foreach (var rawLine in lines)
        {
            var line = rawLine.Trim();
            var position = text.Length == 0 ? 0 : (double)offset / text.Length;
            offset += rawLine.Length + 1;
            if (line.Length == 0)
            {
                kept.Add(string.Empty);
                continue;
            }

            var tail = Array.Find(s_tailRules, rule => rule.Pattern.IsMatch(line));
            if (tail is not null)
            {
                if (position >= tail.MinPosition)
                {
                    break;
                }

                continue;
            }

            var context = new LineContext(line, normalizedTitle, !seenContent);
            seenContent = true;
            if (Array.Exists(s_lineRules, rule => rule.Matches(context)))
            {
                continue;
            }

            kept.Add(line);
        }

        var paragraphs = SplitParagraphs(string.Join('\n', kept));
        RemoveTrailingCjkRun(paragraphs);
        return TextNormalizer.Normalize(string.Join("\n\n", paragraphs));
    }

    /// <summary>
    /// The value of the last "Source: …" line (e.g. a URL or agency name), which <see cref="Remove"/> drops from
    /// the text but which callers may want to keep as metadata; null when there is none.
    /// </summary>
    public static string? FindSourceAttribution(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? source = null;
        foreach (var line in text.Split('\n'))
        {
            var match = SourceValueRegex().Match(line.Trim());
            if (match.Success && line.Trim().Length <= 260)
            {
                source = match.Groups[1].Value.Trim();
            }
        }

        return source;
    }

    private static Regex Line(string alternatives) => new(Bullet + "(?:" + alternatives + @")\s*[:：]?$", Options);

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

    /// <summary>Drops the trailing paragraphs that are mostly CJK when what precedes them is mostly Latin.</summary>
    private static void RemoveTrailingCjkRun(List<string> paragraphs)
    {
        var firstOfRun = paragraphs.Count;
        while (firstOfRun > 0 && IsMostlyCjk(paragraphs[firstOfRun - 1]))
        {
            firstOfRun--;
        }

        if (firstOfRun == paragraphs.Count || firstOfRun == 0)
        {
            return;
        }

        var (latin, cjk) = CountScripts(string.Join('\n', paragraphs.Take(firstOfRun)));
        if (latin > cjk * 2)
        {
            paragraphs.RemoveRange(firstOfRun, paragraphs.Count - firstOfRun);
        }
    }

    // A CJK character carries about as much as a short Latin word, hence the factor 2.
    private static bool IsMostlyCjk(string paragraph)
    {
        var (latin, cjk) = CountScripts(paragraph);
        return cjk > 0 && cjk * 2 >= latin;
    }

    private static (int Latin, int Cjk) CountScripts(string text)
    {
        var latin = 0;
        var cjk = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsCjk(rune.Value))
            {
                cjk++;
            }
            else if (Rune.IsLetter(rune) && rune.Value < 0x0250)
            {
                latin++;
            }
        }

        return (latin, cjk);
    }

    private static bool IsCjk(int codePoint) =>
        codePoint is (>= 0x3040 and <= 0x30FF) // Hiragana, Katakana
            or (>= 0x3400 and <= 0x4DBF) // CJK Extension A
            or (>= 0x4E00 and <= 0x9FFF) // CJK Unified Ideographs
            or (>= 0xAC00 and <= 0xD7AF) // Hangul syllables
            or (>= 0xF900 and <= 0xFAFF) // CJK Compatibility Ideographs
            or (>= 0x20000 and <= 0x2FA1F); // CJK Extensions B-F and supplements

    [GeneratedRegex(@"[A-Za-z]{2,}")]
    private static partial Regex LatinWordRegex();

    [GeneratedRegex(@"^(?:source|sources|来源)\s*[:：]\s*(\S.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SourceValueRegex();

    private sealed record TailRule(Regex Pattern, double MinPosition);

    private sealed record LineContext(string Line, string? Title, bool IsFirstLine);

    private sealed record LineRule(Func<LineContext, bool> Matches)
    {
        public static LineRule FromRegex(Regex pattern, int maxLength) =>
            new(context => context.Line.Length <= maxLength && pattern.IsMatch(context.Line));
    }
}
