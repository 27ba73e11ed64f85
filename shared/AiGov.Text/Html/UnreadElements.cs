using System.Text;

namespace AiGov.Text.Html;

/// <summary>
/// Removes from the markup, before it is parsed, the elements whose content no one reads: scripts (JSON-LD excepted,
/// the metadata reader's), styles, noscripts and inline SVG drawings (icons, logos: their path data is a tenth of what
/// is left of the markup). Scripts and styles are two fifths of a page's markup on trafilatura's
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

    /// <summary>A noscript is unwrapped only when it holds at least this many characters of text: a post given to
    /// readers without scripts, not a "Please enable JavaScript" notice (those run to about 200 on the benchmark).</summary>
    public const int MinUnwrappedNoscriptText = 500;

    public static string Remove(string html, bool unwrapsNoscripts = false)
    {
        StringBuilder? kept = null;
        var copiedUpTo = 0;
        var i = 0;
        while ((i = html.IndexOf('<', i)) >= 0 && i + 1 < html.Length)
        {
            var next = html[i + 1];
            if (next == '!' && RawText.CommentEnd(html, i) is >= 0 and var commentEnd)
            {
                i = commentEnd;
                continue;
            }
            if (!char.IsAsciiLetter(next))
            {
                // An end tag, a declaration, a processing instruction or a stray '<': nothing to remove up to its end.
                i = next is '/' or '!' or '?' ? RawText.TagEnd(html, i + 1) : i + 1;
                continue;
            }

            var nameEnd = RawText.TagNameEnd(html, i + 1);
            var name = html.AsSpan(i + 1, nameEnd - i - 1);
            var tagEnd = RawText.TagEnd(html, nameEnd);
            int removeTo;
            if (name.Equals("script", StringComparison.OrdinalIgnoreCase))
            {
                var scriptEnd = RawText.ScriptEnd(html, tagEnd);
                if (html.AsSpan(i, tagEnd - i).Contains("ld+json", StringComparison.OrdinalIgnoreCase))
                {
                    i = scriptEnd;
                    continue;
                }
                removeTo = scriptEnd;
            }
            else if (name.Equals("style", StringComparison.OrdinalIgnoreCase))
            {
                removeTo = RawText.End(html, tagEnd, "style");
            }
            else if (name.Equals("noscript", StringComparison.OrdinalIgnoreCase))
            {
                // Unwrapped, the start tag goes and the content is read on; the end tag left alone matches nothing open.
                var noscriptEnd = RawText.End(html, tagEnd, "noscript");
                removeTo = unwrapsNoscripts && TextLength(html, tagEnd, noscriptEnd) >= MinUnwrappedNoscriptText ? tagEnd : noscriptEnd;
            }
            else if (name.Equals("svg", StringComparison.OrdinalIgnoreCase)
                && (RawText.IsSelfClosing(html, tagEnd) ? tagEnd : RawText.SvgEnd(html, tagEnd)) is > 0 and var svgEnd)
            {
                removeTo = svgEnd;
            }
            else if (name.Equals("plaintext", StringComparison.OrdinalIgnoreCase))
            {
                break;
            }
            else
            {
                i = s_rawText.Contains(name) ? RawText.End(html, tagEnd, name) : tagEnd;
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

    /// <summary>The characters of [<paramref name="from"/>, <paramref name="to"/>) outside tags that are not white space.</summary>
    private static int TextLength(string html, int from, int to)
    {
        var length = 0;
        var inTag = false;
        for (var i = from; i < to; i++)
        {
            var c = html[i];
            inTag = c == '<' || (inTag && c != '>');
            length += !inTag && c != '>' && !char.IsWhiteSpace(c) ? 1 : 0;
        }
        return length;
    }
}
