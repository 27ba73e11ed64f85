using System.Text;

namespace AiGov.Text.Html;

/// <summary>
/// Removes from the markup, before it is parsed, the elements whose content no one reads: scripts (JSON-LD excepted,
/// the metadata reader's), styles and noscripts. Scripts and styles are two fifths of a page's markup on trafilatura's
/// benchmark: parsed, they were tokenised into text nodes only to be removed again (docs/CLEANING.md). Noscripts go as
/// a browser with scripting reads them (their content is text that is never shown): parsed as markup instead,
/// "<c>&lt;noscript&gt;&lt;div&gt;&lt;/noscript&gt;</c>" leaves the noscript open around the rest of the page.
/// One pass that reads the markup as HTML's tokeniser does where it matters: comments, quoted attribute values, the
/// raw text of title, textarea and the like (a <c>&lt;script&gt;</c> written there is text), and the escaped script
/// data in which a <c>&lt;/script&gt;</c> does not end the script. A page with nothing to remove is returned as it is.
/// For the second opinion the noscripts' tags go but their content stays, to be read as markup as a browser without
/// scripts reads it (and trafilatura's parser does).
/// </summary>
internal static class UnreadElements
{
    // Raw text and escapable raw text elements (HTML § 13.1.2): their content holds no tags.
    private static readonly HashSet<string> s_rawTextElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "title", "textarea", "xmp", "iframe", "noembed", "noframes",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> s_rawText = s_rawTextElements.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string Remove(string html, bool unwrapsNoscripts = false)
    {
        StringBuilder? kept = null;
        var copiedUpTo = 0;
        var i = 0;
        while ((i = html.IndexOf('<', i)) >= 0 && i + 1 < html.Length)
        {
            var next = html[i + 1];
            if (next == '!' && string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                var commentEnd = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (commentEnd < 0)
                {
                    break;
                }
                i = commentEnd + 3;
                continue;
            }
            if (!char.IsAsciiLetter(next))
            {
                // An end tag, a declaration, a processing instruction or a stray '<': nothing to remove up to its end.
                i = next is '/' or '!' or '?' ? TagEnd(html, i + 1) : i + 1;
                continue;
            }

            var nameEnd = i + 1;
            while (nameEnd < html.Length && !IsTagNameEnd(html[nameEnd]))
            {
                nameEnd++;
            }
            var name = html.AsSpan(i + 1, nameEnd - i - 1);
            var tagEnd = TagEnd(html, nameEnd);
            int removeTo;
            if (name.Equals("script", StringComparison.OrdinalIgnoreCase))
            {
                var scriptEnd = ScriptEnd(html, tagEnd);
                if (html.AsSpan(i, tagEnd - i).Contains("ld+json", StringComparison.OrdinalIgnoreCase))
                {
                    i = scriptEnd;
                    continue;
                }
                removeTo = scriptEnd;
            }
            else if (name.Equals("style", StringComparison.OrdinalIgnoreCase))
            {
                removeTo = RawTextEnd(html, tagEnd, "style");
            }
            else if (name.Equals("noscript", StringComparison.OrdinalIgnoreCase))
            {
                // Unwrapped, the start tag goes and the content is read on; the end tag left alone matches nothing open.
                removeTo = unwrapsNoscripts ? tagEnd : RawTextEnd(html, tagEnd, "noscript");
            }
            else if (name.Equals("plaintext", StringComparison.OrdinalIgnoreCase))
            {
                break;
            }
            else
            {
                i = s_rawText.Contains(name) ? RawTextEnd(html, tagEnd, name.ToString()) : tagEnd;
                continue;
            }

            kept ??= new StringBuilder(html.Length);
            kept.Append(html, copiedUpTo, i - copiedUpTo);
            copiedUpTo = i = removeTo;
        }

        if (kept is null)
        {
            return html;
        }
        kept.Append(html, copiedUpTo, html.Length - copiedUpTo);
        return kept.ToString();
    }

    private static bool IsTagNameEnd(char c) => c is '>' or '/' || char.IsWhiteSpace(c);

    /// <summary>The index after the '&gt;' that ends the tag whose name ends at <paramref name="from"/>: a '&gt;' in a
    /// quoted attribute value does not end it. The markup's length when it never ends.</summary>
    private static int TagEnd(string html, int from)
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
    private static int RawTextEnd(string html, int from, string name)
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
    private static int ScriptEnd(string html, int from)
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

    private static bool IsEndTagOf(string html, int at, string name) =>
        at + 2 + name.Length <= html.Length && html[at] == '<' && html[at + 1] == '/'
        && html.AsSpan(at + 2, name.Length).Equals(name, StringComparison.OrdinalIgnoreCase)
        && (at + 2 + name.Length == html.Length || IsTagNameEnd(html[at + 2 + name.Length]));

    private static bool IsStartTagOf(string html, int at, string name) =>
        at + 1 + name.Length < html.Length && html[at] == '<'
        && html.AsSpan(at + 1, name.Length).Equals(name, StringComparison.OrdinalIgnoreCase)
        && IsTagNameEnd(html[at + 1 + name.Length]);
}
