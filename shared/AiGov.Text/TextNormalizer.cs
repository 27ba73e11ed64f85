using System.Globalization;
using System.Text;

namespace AiGov.Text;

/// <summary>Canonical whitespace and Unicode form for extracted text.</summary>
public static class TextNormalizer
{
    /// <summary>
    /// Unicode NFC; \r\n, \r, NEL and U+2028 become \n, U+2029 becomes a paragraph break; zero-width
    /// characters (U+200B..U+200D, U+2060, U+FEFF) and soft hyphens are removed, as are other control characters
    /// (\f and \v become \n); non-breaking and other Unicode spaces become ' '; runs of spaces/tabs become one
    /// space; every line is trimmed; two or more consecutive line breaks become exactly one blank line
    /// (paragraphs are separated by "\n\n"); the whole text is trimmed.
    /// </summary>
    public static string Normalize(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var collapsed = MapAndCollapse(text);
        return NeedsComposition(collapsed) ? collapsed.Normalize(NormalizationForm.FormC) : collapsed;
    }

    // Characters below U+0300 never combine and never decompose: such text is already NFC.
    private static bool NeedsComposition(string text) =>
        text.AsSpan().IndexOfAnyInRange('\u0300', '\uFFFF') >= 0 && !text.IsNormalized(NormalizationForm.FormC);

    /// <summary>One pass: maps line breaks, spaces and invisible characters, collapses runs, trims lines.</summary>
    private static string MapAndCollapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        var pendingNewlines = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\r':
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    AddNewlines(1);
                    continue;
                case '\n' or '\f' or '\v' or '\u0085' or '\u2028':
                    AddNewlines(1);
                    continue;
                case '\u2029':
                    AddNewlines(2);
                    continue;
                case ' ' or '\t':
                    pendingSpace = true;
                    continue;
                case '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD':
                    continue;
            }

            if (c < ' ' || c == '\u007F')
            {
                continue;
            }

            if (c >= '\u0080')
            {
                if (char.IsSurrogate(c))
                {
                    // Lone surrogates would make string.Normalize throw.
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        AppendVisible(c);
                        builder.Append(text[++i]);
                    }
                    else
                    {
                        AppendVisible('\uFFFD');
                    }

                    continue;
                }

                var category = char.GetUnicodeCategory(c);
                if (category == UnicodeCategory.SpaceSeparator)
                {
                    pendingSpace = true;
                    continue;
                }

                if (category == UnicodeCategory.Control)
                {
                    continue;
                }
            }

            AppendVisible(c);
        }

        return builder.ToString();

        void AddNewlines(int count)
        {
            pendingSpace = false;
            if (builder.Length > 0)
            {
                pendingNewlines += count;
            }
        }

        void AppendVisible(char visible)
        {
            if (pendingNewlines > 0)
            {
                builder.Append(pendingNewlines > 1 ? "\n\n" : "\n");
            }
            else if (pendingSpace && builder.Length > 0)
            {
                builder.Append(' ');
            }

            pendingNewlines = 0;
            pendingSpace = false;
            builder.Append(visible);
        }
    }
}
