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

        var mapped = MapCharacters(text);
        var composed = mapped.Normalize(NormalizationForm.FormC);
        return CollapseWhitespace(composed);
    }

    private static string MapCharacters(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\r':
                    builder.Append('\n');
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    continue;
                case '\n' or '\f' or '\v' or '\u0085' or '\u2028':
                    builder.Append('\n');
                    continue;
                case '\u2029':
                    builder.Append("\n\n");
                    continue;
                case '\t':
                    builder.Append(' ');
                    continue;
                case '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD':
                    continue;
            }

            if (char.IsSurrogate(c))
            {
                // Lone surrogates would make string.Normalize throw.
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    builder.Append(c).Append(text[i + 1]);
                    i++;
                }
                else
                {
                    builder.Append('\uFFFD');
                }

                continue;
            }

            var category = char.GetUnicodeCategory(c);
            if (category == UnicodeCategory.SpaceSeparator)
            {
                builder.Append(' ');
            }
            else if (category != UnicodeCategory.Control)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingNewlines = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = CollapseSpaces(rawLine);
            if (line.Length == 0)
            {
                if (builder.Length > 0)
                {
                    pendingNewlines++;
                }

                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(pendingNewlines > 0 ? "\n\n" : "\n");
            }

            builder.Append(line);
            pendingNewlines = 0;
        }

        return builder.ToString();
    }

    private static string CollapseSpaces(string line)
    {
        var builder = new StringBuilder(line.Length);
        var pendingSpace = false;
        foreach (var c in line)
        {
            if (c == ' ')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
