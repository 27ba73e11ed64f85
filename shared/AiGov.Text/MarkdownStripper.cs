using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace AiGov.Text;

/// <summary>Turns Markdown into plain text, line by line, without a full CommonMark parser. Every span the inline
/// patterns look for is bounded (at most 1,000 characters of emphasis, code or link text), and an emphasis,
/// strike-through or comment span cannot hold its own opener, so the search from an unclosed opener ends at the next
/// one: a hostile line of them ("**a " 250,000 times) costs time linear in its length with a small factor
/// (docs/CLEANING.md).</summary>
public static partial class MarkdownStripper
{
    /// <summary>
    /// Removes Markdown syntax: YAML front matter, heading markers (# and setext underlines), emphasis and
    /// strike-through, links [t](u) → t, images (with their alt text), list and task markers, blockquote markers,
    /// HTML tags and comments, reference definitions, horizontal rules and table pipes/separator rows.
    /// Code fences are dropped but their content is kept verbatim; inline code keeps its text.
    /// </summary>
    public static string Strip(string markdown) => Strip(markdown, CancellationToken.None);

    /// <summary><see cref="Strip(string)"/>, checking <paramref name="cancellationToken"/> at every line and every
    /// <see cref="MaxInlineSegment"/> characters of a long line.</summary>
    public static string Strip(string markdown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var lines = markdown.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var output = new List<string>(lines.Length);
        var start = SkipFrontMatter(lines);
        string? fence = null;
        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i];
            var fenceMatch = FenceRegex().Match(line);
            if (fence is not null)
            {
                if (fenceMatch.Success && fenceMatch.Groups[1].Value.StartsWith(fence, StringComparison.Ordinal)
                    && fenceMatch.Groups[2].Value.Trim().Length == 0)
                {
                    fence = null;
                }
                else
                {
                    output.Add(line);
                }

                continue;
            }

            if (fenceMatch.Success)
            {
                fence = fenceMatch.Groups[1].Value;
                continue;
            }

            if (SetextUnderlineRegex().IsMatch(line) && output.Count > 0 && output[^1].Trim().Length > 0)
            {
                continue;
            }

            if (HorizontalRuleRegex().IsMatch(line) || ReferenceDefinitionRegex().IsMatch(line)
                || TableSeparatorRegex().IsMatch(line))
            {
                output.Add(string.Empty);
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            output.Add(StripLongInline(StripBlockMarkers(line), cancellationToken));
        }

        return string.Join('\n', output);
    }

    /// <summary>The text of the first ATX or setext heading, without markup; null when there is none.</summary>
    internal static string? FindFirstHeading(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        string? fence = null;
        for (var i = SkipFrontMatter(lines); i < lines.Length; i++)
        {
            var fenceMatch = FenceRegex().Match(lines[i]);
            if (fenceMatch.Success)
            {
                fence = fence is null ? fenceMatch.Groups[1].Value : null;
                continue;
            }

            if (fence is not null)
            {
                continue;
            }

            // A heading longer than any title is not read for one (the cleaner takes its title from the text then).
            var heading = HeadingRegex().Match(lines[i]);
            if (heading.Success)
            {
                return lines[i].Length > MaxHeadingLength ? null : StripInline(HeadingText(heading)).Trim();
            }

            if (i + 1 < lines.Length && lines[i].Trim().Length > 0 && SetextUnderlineRegex().IsMatch(lines[i + 1])
                && !ListMarkerRegex().IsMatch(lines[i]))
            {
                return lines[i].Length > MaxHeadingLength ? null : StripInline(lines[i]).Trim();
            }
        }

        return null;
    }

    private static int SkipFrontMatter(string[] lines)
    {
        if (lines.Length == 0 || lines[0].TrimEnd() != "---")
        {
            return 0;
        }

        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd() is "---" or "...")
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static string StripBlockMarkers(string line)
    {
        line = BlockquoteRegex().Replace(line, string.Empty);
        var heading = HeadingRegex().Match(line);
        if (heading.Success)
        {
            return HeadingText(heading);
        }

        line = ListMarkerRegex().Replace(line, string.Empty);
        line = TaskMarkerRegex().Replace(line, string.Empty);
        if (TableRowRegex().IsMatch(line))
        {
            var cells = line.Trim().Trim('|').Split('|').Select(cell => cell.Trim()).Where(cell => cell.Length > 0);
            line = string.Join("  ", cells);
        }

        return line;
    }

    /// <summary>An ATX heading's text without its optional closing sequence ("## Title ##"): a run of '#' at the end
    /// preceded by a space, or the whole text.</summary>
    private static string HeadingText(Match heading)
    {
        var text = heading.Groups[1].Value.TrimEnd();
        var closing = text.TrimEnd('#');
        return closing.Length == 0 ? string.Empty : closing.Length < text.Length && char.IsWhiteSpace(closing[^1]) ? closing.TrimEnd() : text;
    }

    /// <summary>A line longer than this is stripped in pieces cut after a sentence or at a space: a span of markup
    /// across a cut keeps its markers, and each piece costs at most its length times the patterns' 1,000-character
    /// bound.</summary>
    public const int MaxInlineSegment = 4 * 1024;

    private const int MaxHeadingLength = 1000;

    private static string StripLongInline(string line, CancellationToken cancellationToken)
    {
        if (line.Length <= MaxInlineSegment)
        {
            return StripInline(line);
        }
        var builder = new StringBuilder(line.Length);
        var start = 0;
        while (start < line.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = Math.Min(line.Length, start + MaxInlineSegment);
            if (end < line.Length)
            {
                // After a sentence in the piece's second half, else after its last space.
                var sentenceEnd = line.LastIndexOf(". ", end - 2, end - start - 1, StringComparison.Ordinal);
                var space = line.LastIndexOf(' ', end - 1, end - start);
                end = sentenceEnd > start + (MaxInlineSegment / 2) ? sentenceEnd + 2 : space > start ? space + 1 : end;
            }
            builder.Append(StripInline(line[start..end]));
            start = end;
        }
        return builder.ToString();
    }

    private static string StripInline(string line)
    {
        // Inline code and backslash escapes are cut out first so that they are not treated as markup, then put back.
        var protectedSpans = new List<string>();
        string Protect(string value)
        {
            protectedSpans.Add(value);
            return $"\u0001{protectedSpans.Count - 1}\u0001";
        }

        line = InlineCodeRegex().Replace(line, match => Protect(match.Groups[2].Value.Trim()));
        line = EscapeRegex().Replace(line, match => Protect(match.Groups[1].Value));

        line = HtmlCommentRegex().Replace(line, string.Empty);
        line = ImageRegex().Replace(line, string.Empty);
        line = ReferenceImageRegex().Replace(line, string.Empty);
        line = LinkRegex().Replace(line, "$1");
        line = ReferenceLinkRegex().Replace(line, "$1");
        line = AutolinkRegex().Replace(line, "$1");
        line = HtmlTagRegex().Replace(line, string.Empty);
        line = StrongRegex().Replace(line, "$1$2");
        line = StarEmphasisRegex().Replace(line, "$1");
        line = UnderscoreEmphasisRegex().Replace(line, "$1");
        line = StrikeRegex().Replace(line, "$1");
        line = WebUtility.HtmlDecode(line);

        if (protectedSpans.Count > 0)
        {
            line = PlaceholderRegex().Replace(line, match => protectedSpans[int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)]);
        }

        return line;
    }

    [GeneratedRegex(@"^\s{0,3}(`{3,}|~{3,})(.*)$", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex FenceRegex();

    [GeneratedRegex(@"^\s{0,3}#{1,6}(?:\s+(.*))?$", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex HeadingRegex();

    [GeneratedRegex(@"^\s{0,3}(=+|-+)\s*$", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex SetextUnderlineRegex();

    [GeneratedRegex(@"^\s{0,3}((\*\s*){3,}|(-\s*){3,}|(_\s*){3,})$", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex HorizontalRuleRegex();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s*\S+.*$", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex ReferenceDefinitionRegex();

    [GeneratedRegex(@"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex TableSeparatorRegex();

    [GeneratedRegex(@"^\s*\|.*\||^[^|]+\|[^|]+", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex TableRowRegex();

    [GeneratedRegex(@"^\s{0,3}(>\s?)+", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex BlockquoteRegex();

    [GeneratedRegex(@"^\s*(?:[-*+]|\d{1,9}[.)])\s+", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex ListMarkerRegex();

    [GeneratedRegex(@"^\[[ xX]\]\s+", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex TaskMarkerRegex();

    [GeneratedRegex(@"(`{1,16})(.{1,1000}?)\1", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex InlineCodeRegex();

    [GeneratedRegex(@"\u0001(\d+)\u0001", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex PlaceholderRegex();

    [GeneratedRegex(@"<!--(?:[^<-]|<(?!!--)|-(?!->)){0,2000}?-->", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex HtmlCommentRegex();

    [GeneratedRegex(@"!\[[^\]]{0,1000}\]\([^)]{0,2000}\)", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex ImageRegex();

    [GeneratedRegex(@"!\[[^\]]{0,1000}\]\[[^\]]{0,1000}\]", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex ReferenceImageRegex();

    [GeneratedRegex(@"\[([^\]]{1,1000})\]\((?:[^()]|\([^)]{0,1000}\)){0,2000}\)", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex LinkRegex();

    [GeneratedRegex(@"\[([^\]]{1,1000})\]\[[^\]]{0,1000}\]", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex ReferenceLinkRegex();

    [GeneratedRegex(@"<((?:https?|mailto|ftp):[^>\s]{1,2000})>", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex AutolinkRegex();

    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex HtmlTagRegex();

    [GeneratedRegex(@"\*\*(?=\S)((?:[^*]|\*(?!\*)){1,1000}?)(?<=\S)\*\*|__(?=\S)((?:[^_]|_(?!_)){1,1000}?)(?<=\S)__", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex StrongRegex();

    [GeneratedRegex(@"(?<![\*\w])\*(?=\S)([^*]{1,1000}?)(?<=\S)\*(?![\*\w])", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex StarEmphasisRegex();

    [GeneratedRegex(@"(?<!\w)_(?=\S)((?:[^_]|(?<=\w)_(?=\w)){1,1000}?)(?<=\S)_(?!\w)", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex UnderscoreEmphasisRegex();

    [GeneratedRegex(@"~~(?=\S)((?:[^~]|~(?!~)){1,1000}?)(?<=\S)~~", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex StrikeRegex();

    [GeneratedRegex(@"\\([\\`*_{}\[\]()#+\-.!|>~])", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex EscapeRegex();
}
