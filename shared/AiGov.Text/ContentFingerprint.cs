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
        var folded = ToValidUnicode(cleanText).Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var builder = new StringBuilder(folded.Length);
        var pendingSpace = false;
        foreach (var rune in folded.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (IsRemoved(Rune.GetUnicodeCategory(rune)))
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            AppendRune(builder, rune);
        }

        return builder.ToString();
    }

    private static void AppendRune(StringBuilder builder, Rune rune)
    {
        Span<char> chars = stackalloc char[2];
        builder.Append(chars[..rune.EncodeToUtf16(chars)]);
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
