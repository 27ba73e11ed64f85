using System.Text;

namespace AiGov.Text.Html;

/// <summary>Flattens elements nested deeper than a limit before the page is parsed: their tags go, their text stays.
/// One pass over the markup; a page within the limit is returned as it is. The depth is the markup's own (opening
/// tags minus closing tags): void elements, self-closing tags, comments, declarations and the elements HTML closes by
/// itself (p, li, td, ...) do not count, so a sloppy page is not taken for a deep one.</summary>
internal static class HtmlNesting
{
    /// <summary>Real pages nest a few dozen elements deep; a hostile one hundreds of thousands.</summary>
    public const int MaximumDepth = 1000;

    private static readonly HashSet<string> s_uncounted = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param",
        "p", "li", "td", "th", "tr", "dt", "dd", "option", "colgroup", "tbody", "thead", "tfoot", "rb", "rt", "rp",
    };

    // Looked up by the span of the markup: a page has thousands of tags, each name would otherwise be a new string.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> s_uncountedNames = s_uncounted.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string Flatten(string html, int maximumDepth)
    {
        StringBuilder? flattened = null;
        var copiedUpTo = 0;
        var depth = 0;
        var i = 0;
        while ((i = html.IndexOf('<', i)) >= 0)
        {
            var end = html.IndexOf('>', i + 1);
            if (end < 0)
            {
                break;
            }
            var closing = i + 1 < html.Length && html[i + 1] == '/';
            var nameStart = closing ? i + 2 : i + 1;
            var nameEnd = nameStart;
            while (nameEnd < end && char.IsAsciiLetterOrDigit(html[nameEnd]))
            {
                nameEnd++;
            }
            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                // A comment, a declaration or a stray '<'.
                i = RawText.CommentEnd(html, i) is >= 0 and var commentEnd ? commentEnd : end + 1;
                continue;
            }
            var name = html.AsSpan(nameStart, nameEnd - nameStart);
            if (!closing && (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase)))
            {
                // Raw text: its '<' are not tags, and the element does not count.
                i = name.Equals("script", StringComparison.OrdinalIgnoreCase) ? RawText.ScriptEnd(html, end + 1) : RawText.End(html, end + 1, name);
                continue;
            }
            var counted = html[end - 1] != '/' && !s_uncountedNames.Contains(name);
            var tooDeep = false;
            if (counted && closing)
            {
                tooDeep = depth > maximumDepth;
                depth = Math.Max(0, depth - 1);
            }
            else if (counted)
            {
                depth++;
                tooDeep = depth > maximumDepth;
            }
            if (tooDeep)
            {
                flattened ??= new StringBuilder(html.Length);
                flattened.Append(html, copiedUpTo, i - copiedUpTo);
                copiedUpTo = end + 1;
            }
            i = end + 1;
        }
        if (flattened is null)
        {
            return html;
        }
        flattened.Append(html, copiedUpTo, html.Length - copiedUpTo);
        return flattened.ToString();
    }
}
