namespace AiGov.Text.Html;

/// <summary>
/// Where the parts of markup end as HTML's tokeniser reads them, for the passes over the markup before the parse
/// (<see cref="UnreadElements"/>, <see cref="HtmlNesting"/>): a tag, with '&gt;' in quoted attribute values; the raw
/// text of script, style, title, textarea and the like, which holds no tags; script data, in which an escaped
/// <c>&lt;script&gt;</c> hides the next <c>&lt;/script&gt;</c>; and an SVG drawing, nested ones included.
/// </summary>
internal static class RawText
{
    public static bool IsTagNameEnd(char c) => c is '>' or '/' || char.IsWhiteSpace(c);

    /// <summary>The index after the name of the tag that starts at <paramref name="from"/>.</summary>
    public static int TagNameEnd(string html, int from)
    {
        var end = from;
        while (end < html.Length && !IsTagNameEnd(html[end]))
        {
            end++;
        }
        return end;
    }

    /// <summary>Whether the tag that ends before <paramref name="tagEnd"/> closes itself (<c>&lt;svg … /&gt;</c>).</summary>
    public static bool IsSelfClosing(string html, int tagEnd) => tagEnd >= 2 && html[tagEnd - 2] == '/';

    /// <summary>When a comment starts at <paramref name="at"/>: the index after its <c>--&gt;</c>, or the markup's length
    /// when it is never closed. −1 when no comment starts there.</summary>
    public static int CommentEnd(string html, int at)
    {
        if (string.CompareOrdinal(html, at, "<!--", 0, 4) != 0)
        {
            return -1;
        }
        var close = html.IndexOf("-->", at + 4, StringComparison.Ordinal);
        return close < 0 ? html.Length : close + 3;
    }

    /// <summary>The index after the '&gt;' that ends the tag whose name ends at <paramref name="from"/>: a '&gt;' in a
    /// quoted attribute value does not end it. The markup's length when it never ends.</summary>
    public static int TagEnd(string html, int from)
    {
        var afterEquals = false;
        for (var i = from; i < html.Length; i++)
        {
            var c = html[i];
            if (c == '>')
            {
                return i + 1;
            }
            if (afterEquals && c is '"' or '\'')
            {
                var close = html.IndexOf(c, i + 1);
                if (close < 0)
                {
                    return html.Length;
                }
                i = close;
                afterEquals = false;
            }
            else if (c == '=')
            {
                afterEquals = true;
            }
            else if (!char.IsWhiteSpace(c))
            {
                afterEquals = false;
            }
        }
        return html.Length;
    }

    /// <summary>The index after the end tag of the raw text that starts at <paramref name="from"/>; the markup's
    /// length when it is never closed (the rest of the page is the element's text).</summary>
    public static int End(string html, int from, ReadOnlySpan<char> name)
    {
        var close = from;
        while ((close = html.IndexOf("</", close, StringComparison.Ordinal)) >= 0)
        {
            if (IsEndTagOf(html, close, name))
            {
                return TagEnd(html, close + 2 + name.Length);
            }
            close += 2;
        }
        return html.Length;
    }

    /// <summary>
    /// The index after the <c>&lt;/script&gt;</c> that ends the script data starting at <paramref name="from"/>. Inside
    /// an escape (<c>&lt;!--</c> … <c>--&gt;</c>), a <c>&lt;script&gt;</c> starts a double escape in which
    /// <c>&lt;/script&gt;</c> only ends the double escape: old pages write a script that way
    /// (<c>document.write("&lt;script&gt;…&lt;/script&gt;")</c> inside a comment). HTML § 13.2.5.4 and following.
    /// </summary>
    public static int ScriptEnd(string html, int from)
    {
        const int Data = 0, Escaped = 1, DoubleEscaped = 2;
        var state = Data;
        for (var i = from; i < html.Length; i++)
        {
            var c = html[i];
            if (c == '-' && state != Data && string.CompareOrdinal(html, i, "-->", 0, 3) == 0)
            {
                state = Data;
                i += 2;
            }
            else if (c != '<')
            {
                continue;
            }
            else if (state == Data && string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                // From its '!': "<!-->" is an escape that ends at once.
                state = Escaped;
                i += 1;
            }
            else if (IsEndTagOf(html, i, "script"))
            {
                if (state != DoubleEscaped)
                {
                    return TagEnd(html, i + 8);
                }
                state = Escaped;
            }
            else if (state == Escaped && IsStartTagOf(html, i, "script"))
            {
                state = DoubleEscaped;
            }
        }
        return html.Length;
    }

    // Start tags that leave SVG for HTML (HTML § 13.2.6.5): an <svg> holding one is not a drawing to drop whole.
    private static readonly HashSet<string> s_breakingOut = new(StringComparer.OrdinalIgnoreCase)
    {
        "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "h1", "h2", "h3",
        "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s",
        "small", "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var", "font", "foreignobject",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> s_breakingOutNames = s_breakingOut.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The index after the <c>&lt;/svg&gt;</c> that closes the SVG whose start tag ends at
    /// <paramref name="from"/> (nested drawings counted); −1 when it is never closed or holds HTML (a tag that leaves
    /// SVG, or a <c>foreignObject</c>), which the parse would place outside the drawing or keep as text.</summary>
    public static int SvgEnd(string html, int from)
    {
        var depth = 1;
        for (var i = html.IndexOf('<', from); i >= 0 && i + 1 < html.Length; i = html.IndexOf('<', i))
        {
            if (CommentEnd(html, i) is >= 0 and var commentEnd)
            {
                i = commentEnd;
                continue;
            }
            var closing = html[i + 1] == '/';
            var nameStart = closing ? i + 2 : i + 1;
            var nameEnd = TagNameEnd(html, nameStart);
            var name = html.AsSpan(nameStart, nameEnd - nameStart);
            var end = TagEnd(html, nameEnd);
            if (name.Equals("svg", StringComparison.OrdinalIgnoreCase))
            {
                depth += closing ? -1 : IsSelfClosing(html, end) ? 0 : 1;
                if (depth == 0)
                {
                    return end;
                }
            }
            else if (s_breakingOutNames.Contains(name))
            {
                return -1;
            }
            i = end;
        }
        return -1;
    }

    private static bool IsEndTagOf(string html, int at, ReadOnlySpan<char> name) =>
        at + 2 + name.Length <= html.Length && html[at] == '<' && html[at + 1] == '/'
        && html.AsSpan(at + 2, name.Length).Equals(name, StringComparison.OrdinalIgnoreCase)
        && (at + 2 + name.Length == html.Length || IsTagNameEnd(html[at + 2 + name.Length]));

    private static bool IsStartTagOf(string html, int at, ReadOnlySpan<char> name) =>
        at + 1 + name.Length < html.Length && html[at] == '<'
        && html.AsSpan(at + 1, name.Length).Equals(name, StringComparison.OrdinalIgnoreCase)
        && IsTagNameEnd(html[at + 1 + name.Length]);
}
