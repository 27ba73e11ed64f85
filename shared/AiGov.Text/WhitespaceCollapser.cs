using System.Text;

namespace AiGov.Text;

/// <summary>
/// <c>Regex.Replace(text, @"\s+", " ")</c> (and its <c>.Trim()</c>) without a regex: .NET's <c>\s</c> is
/// <see cref="char.IsWhiteSpace(char)"/>, so one scan does it, and text that needs no change is not copied.
/// </summary>
internal static class WhitespaceCollapser
{
    /// <summary>Every run of whitespace becomes one space; the ends are trimmed.</summary>
    public static string CollapseAndTrim(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        var span = text.AsSpan(start, end - start);
        if (IsCollapsed(span))
        {
            return span.Length == text.Length ? text : span.ToString();
        }

        var builder = new StringBuilder(span.Length);
        AppendCollapsed(builder, span);
        return builder.ToString();
    }

    /// <summary>The length of <see cref="CollapseAndTrim"/>(<paramref name="text"/>) without building it.</summary>
    public static int CollapsedTrimmedLength(string text)
    {
        var counter = new CollapsedLengthCounter();
        counter.Add(text);
        return counter.Length;
    }

    /// <summary>
    /// The length of <see cref="CollapseAndTrim"/> of text fed in pieces, as if the pieces were one string, and an
    /// FNV-1a hash of that collapsed text (equal texts, equal hashes), without building it.
    /// </summary>
    internal struct CollapsedLengthCounter
    {
        private const ulong FnvOffset = 14695981039346656037;
        private const ulong FnvPrime = 1099511628211;
        private bool _pendingSpace;
        private ulong _hash;

        public int Length { get; private set; }

        public readonly ulong Hash => Length == 0 ? 0 : _hash;

        public void Add(ReadOnlySpan<char> text)
        {
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c))
                {
                    _pendingSpace = Length > 0;
                    continue;
                }

                if (Length == 0)
                {
                    _hash = FnvOffset;
                }
                else if (_pendingSpace)
                {
                    _hash = (_hash ^ ' ') * FnvPrime;
                }
                _hash = (_hash ^ c) * FnvPrime;
                Length += _pendingSpace ? 2 : 1;
                _pendingSpace = false;
            }
        }
    }

    /// <summary>The number of words: runs of characters between white space (what a split on white space that drops
    /// empty entries would count, without building the parts).</summary>
    public static int WordCount(ReadOnlySpan<char> text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var space = char.IsWhiteSpace(c);
            words += !space && !inWord ? 1 : 0;
            inWord = !space;
        }

        return words;
    }

    /// <summary>Appends <paramref name="text"/> with every run of whitespace as one space (not trimmed).</summary>
    public static void AppendCollapsed(StringBuilder builder, ReadOnlySpan<char> text)
    {
        var runStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var wsStart = i;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i - wsStart == 1 && text[wsStart] == ' ')
            {
                continue;
            }

            builder.Append(text[runStart..wsStart]).Append(' ');
            runStart = i;
        }

        builder.Append(text[runStart..]);
    }

    /// <summary>True when every whitespace character is a lone ' '.</summary>
    private static bool IsCollapsed(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ' ')
            {
                if (i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]))
                {
                    return false;
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }
}
