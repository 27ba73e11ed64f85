namespace AiGov.Text.Html;

/// <summary>
/// Removes <c>&lt;noscript&gt;</c> elements from the markup before it is parsed, as a browser with scripting reads them
/// (their content is text that is never shown). Parsed as markup instead, "<c>&lt;noscript&gt;&lt;div&gt;&lt;/noscript&gt;</c>"
/// leaves the noscript open around the rest of the page, which then went with it. (AngleSharp's own scripting mode
/// does the same but made the whole parse a fifth slower, docs/CLEANING.md.)
/// </summary>
internal static class NoscriptRemover
{
    private const string Open = "<noscript";
    private const string Close = "</noscript";

    public static string Remove(string html)
    {
        var start = html.IndexOf(Open, StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return html;
        }

        var builder = new System.Text.StringBuilder(html.Length);
        var copied = 0;
        while (start >= 0)
        {
            builder.Append(html, copied, start - copied);
            var close = html.IndexOf(Close, start + Open.Length, StringComparison.OrdinalIgnoreCase);
            if (close < 0)
            {
                // Unclosed, a browser reads the rest of the page as the noscript's text.
                return builder.ToString();
            }

            var end = html.IndexOf('>', close + Close.Length);
            copied = end < 0 ? html.Length : end + 1;
            start = html.IndexOf(Open, copied, StringComparison.OrdinalIgnoreCase);
        }

        builder.Append(html, copied, html.Length - copied);
        return builder.ToString();
    }
}
