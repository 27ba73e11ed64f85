using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AiGov.Text;

/// <summary>Exact-duplicate keys for cleaned text and raw bytes.</summary>
public static class ContentFingerprint
{
    /// <summary>
    /// The exact-duplicate key normalisation. Steps, in order:
    /// <list type="number">
    /// <item>Unicode NFKC (compatibility forms fold: full-width letters, ligatures, NBSP → space, …);</item>
    /// <item>lower case with the invariant culture;</item>
    /// <item>every punctuation (Pc, Pd, Ps, Pe, Pi, Pf, Po) and symbol (Sm, Sc, Sk, So) character is removed,
    /// as are format (Cf, e.g. zero-width spaces, BOM, soft hyphen) and control characters that are not whitespace;</item>
    /// <item>every run of whitespace becomes a single space;</item>
    /// <item>the result is trimmed.</item>
    /// </list>
    /// Removed characters are deleted, not replaced by spaces: "AI-based" and "AIbased" share a key.
    /// </summary>
    public static string NormalizeForHash(string cleanText)
    {
        ArgumentNullException.ThrowIfNull(cleanText);
        // ASCII is already NFKC, and its lower case is A-Z → a-z: no need for the two whole-text copies.
        var folded = Ascii.IsValid(cleanText)
            ? cleanText
            : ToValidUnicode(cleanText).Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var buffer = ArrayPool<char>.Shared.Rent(folded.Length);
        try
        {
            var length = 0;
            var pendingSpace = false;
            var span = folded.AsSpan();
            var i = 0;
            while (i < span.Length)
            {
                var c = span[i];
                if (c < 0x80)
                {
                    i++;
                    switch (s_asciiClass[c])
                    {
                        case AsciiWhiteSpace:
                            pendingSpace = length > 0;
                            continue;
                        case AsciiRemoved:
                            continue;
                    }

                    if (pendingSpace)
                    {
                        buffer[length++] = ' ';
                        pendingSpace = false;
                    }

                    buffer[length++] = c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
                    continue;
                }

                // Same as EnumerateRunes: a lone surrogate is U+FFFD.
                Rune.DecodeFromUtf16(span[i..], out var rune, out var consumed);
                i += consumed;
                if (Rune.IsWhiteSpace(rune))
                {
                    pendingSpace = length > 0;
                    continue;
                }

                if (IsRemoved(Rune.GetUnicodeCategory(rune)))
                {
                    continue;
                }

                if (pendingSpace)
                {
                    buffer[length++] = ' ';
                    pendingSpace = false;
                }

                length += rune.EncodeToUtf16(buffer.AsSpan(length));
            }

            return new string(buffer, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private const byte AsciiKept = 0;
    private const byte AsciiWhiteSpace = 1;
    private const byte AsciiRemoved = 2;

    // The rune rules below, tabulated for ASCII.
    private static readonly byte[] s_asciiClass = BuildAsciiClasses();

    private static byte[] BuildAsciiClasses()
    {
        var classes = new byte[128];
        for (var c = 0; c < 128; c++)
        {
            var rune = new Rune(c);
            classes[c] = Rune.IsWhiteSpace(rune) ? AsciiWhiteSpace : IsRemoved(Rune.GetUnicodeCategory(rune)) ? AsciiRemoved : AsciiKept;
        }

        return classes;
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of <see cref="NormalizeForHash"/>(<paramref name="cleanText"/>).</summary>
    public static string Sha256Hex(string cleanText) => Sha256Hex(Encoding.UTF8.GetBytes(NormalizeForHash(cleanText)));

    /// <summary>Lower-case hex SHA-256 of the raw bytes.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static bool IsRemoved(UnicodeCategory category) => category switch
    {
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation => true,
        UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
            or UnicodeCategory.OtherSymbol => true,
        UnicodeCategory.Format or UnicodeCategory.Control => true,
        _ => false,
    };

    private static string ToValidUnicode(string text)
    {
        // string.Normalize throws on lone surrogates; replace them first.
        var hasLoneSurrogate = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                hasLoneSurrogate = true;
                break;
            }
        }

        if (!hasLoneSurrogate)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }
}
