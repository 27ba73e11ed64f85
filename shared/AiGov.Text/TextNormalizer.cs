using System.Buffers;
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
        // Every character yields at most one output character (separators are emitted once per run), except
        // U+2029, which becomes a blank line: one pooled buffer of that size holds the result.
        var buffer = ArrayPool<char>.Shared.Rent(text.Length + text.AsSpan().Count('\u2029'));
        var length = 0;
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
                        buffer[length++] = text[++i];
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

        var result = length == text.Length && text.AsSpan().SequenceEqual(buffer.AsSpan(0, length))
            ? text
            : new string(buffer, 0, length);
        ArrayPool<char>.Shared.Return(buffer);
        return result;

        void AddNewlines(int count)
        {
            pendingSpace = false;
            if (length > 0)
            {
                pendingNewlines += count;
            }
        }

        void AppendVisible(char visible)
        {
            if (pendingNewlines > 0)
            {
                buffer[length++] = '\n';
                if (pendingNewlines > 1)
                {
                    buffer[length++] = '\n';
                }
            }
            else if (pendingSpace && length > 0)
            {
                buffer[length++] = ' ';
            }

            pendingNewlines = 0;
            pendingSpace = false;
            buffer[length++] = visible;
        }
    }
}
