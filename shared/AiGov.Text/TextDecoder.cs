using System.Text;
using System.Text.RegularExpressions;
using UtfUnknown;

namespace AiGov.Text;

/// <summary>Decoded text plus the encoding that produced it.</summary>
/// <param name="Text">The decoded text (BOM removed).</param>
/// <param name="EncodingName">Lower-case WHATWG-style name, e.g. "utf-8", "utf-16le", "gb18030", "windows-1252".</param>
/// <param name="HadBom">True when a byte order mark decided the encoding.</param>
public sealed record DecodedText(string Text, string EncodingName, bool HadBom);

/// <summary>Turns raw bytes of unknown encoding into text.</summary>
public static partial class TextDecoder
{
    private const int MetaScanBytes = 4 * 1024;

    // Below this the detector's guess is little better than the windows-1252 fallback.
    private const float MinDetectorConfidence = 0.5f;

    // Above this a single-byte guess is trusted over the double-byte CJK heuristic.
    private const float ConfidentDetection = 0.9f;

    private static readonly Encoding s_utf8Strict = new UTF8Encoding(false, true);
    private static readonly Encoding s_utf8 = new UTF8Encoding(false, false);
    private static readonly Encoding s_utf16Le = new UnicodeEncoding(false, false);
    private static readonly Encoding s_utf16Be = new UnicodeEncoding(true, false);
    private static readonly Encoding s_utf32Le = new UTF32Encoding(false, false);
    private static readonly Encoding s_utf32Be = new UTF32Encoding(true, false);
    private static readonly Encoding s_windows1252;
    private static readonly Encoding s_gb18030;

    static TextDecoder()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        s_windows1252 = Encoding.GetEncoding(1252);
        s_gb18030 = Encoding.GetEncoding("GB18030");
    }

    /// <summary>
    /// Decodes <paramref name="content"/>: a BOM (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) wins; then strict UTF-8
    /// when the bytes are valid UTF-8; then, for HTML, a &lt;meta charset&gt; or http-equiv charset in the
    /// first 4 KiB; then UTF.Unknown detection (GB18030/GBK, Big5, Shift_JIS, EUC-KR, windows-1252, ISO-8859-x);
    /// finally windows-1252, which never fails.
    /// </summary>
    public static DecodedText Decode(ReadOnlySpan<byte> content, bool isHtml = false)
    {
        var (bomEncoding, bomLength) = DetectBom(content);
        if (bomEncoding is not null)
        {
            return new DecodedText(bomEncoding.GetString(content[bomLength..]), NameOf(bomEncoding), true);
        }

        // Before the UTF-8 check: UTF-16 text in Latin script is valid UTF-8 too, full of NULs.
        if (DetectUtf16WithoutBom(content) is { } utf16)
        {
            return new DecodedText(utf16.GetString(content), NameOf(utf16), false);
        }

        if (System.Text.Unicode.Utf8.IsValid(content))
        {
            return new DecodedText(s_utf8Strict.GetString(content), "utf-8", false);
        }

        // A UTF-8 page with a stray byte (a truncated character, one pasted Latin-1 quote) stays UTF-8, as browsers
        // read it: read as windows-1252 every other non-ASCII character of it would become mojibake ("atakÃ³w").
        if (IsMostlyUtf8(content))
        {
            return new DecodedText(s_utf8.GetString(content), "utf-8", false);
        }

        if (isHtml)
        {
            var declared = FindHtmlCharset(content[..Math.Min(content.Length, MetaScanBytes)]);
            if (declared is not null)
            {
                return new DecodedText(declared.GetString(content), NameOf(declared), false);
            }
        }

        var fallback = s_windows1252.GetString(content);
        var detected = Detect(content);
        if (detected is not null)
        {
            var text = detected.GetString(content);

            // Single-byte guesses that read the bytes exactly like windows-1252 are reported as windows-1252.
            return text == fallback
                ? new DecodedText(fallback, "windows-1252", false)
                : new DecodedText(text, NameOf(detected), false);
        }

        return new DecodedText(fallback, "windows-1252", false);
    }

    /// <summary>The encoding announced by a byte order mark, and the BOM length; (null, 0) when there is none.</summary>
    /// <summary>UTF-16 without a byte-order mark, recognised by where its zero bytes fall: text mostly below U+0100
    /// has a zero in every other byte (odd positions little-endian, even positions big-endian) and none in the
    /// others; the decoded sample must also be free of control characters. Null when the content is not such text.</summary>
    internal static Encoding? DetectUtf16WithoutBom(ReadOnlySpan<byte> content)
    {
        var sample = content[..(Math.Min(content.Length, 8 * 1024) & ~1)];
        // Without a single zero byte neither byte order qualifies; one vectorised scan rules out most text.
        if (sample.Length < 8 || !sample.Contains((byte)0))
        {
            return null;
        }
        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < sample.Length; i++)
        {
            if (sample[i] == 0)
            {
                if (i % 2 == 0)
                {
                    evenZeros++;
                }
                else
                {
                    oddZeros++;
                }
            }
        }
        var pairs = sample.Length / 2;
        var candidate = oddZeros >= pairs * 0.4 && evenZeros <= pairs * 0.02 ? s_utf16Le
            : evenZeros >= pairs * 0.4 && oddZeros <= pairs * 0.02 ? s_utf16Be
            : null;
        if (candidate is null)
        {
            return null;
        }
        var text = candidate.GetString(sample);
        var controls = text.Count(c => c < 0x20 && c is not ('\t' or '\n' or '\r' or '\f'));
        return controls <= text.Length / 100 ? candidate : null;
    }

    internal static (Encoding? Encoding, int BomLength) DetectBom(ReadOnlySpan<byte> content)
    {
        // UTF-32 LE must be tested before UTF-16 LE: its BOM starts with the UTF-16 LE BOM.
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return (s_utf32Le, 4);
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return (s_utf32Be, 4);
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (s_utf8, 3);
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (s_utf16Le, 2);
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (s_utf16Be, 2);
        }

        return (null, 0);
    }

    /// <summary>
    /// True when valid multi-byte UTF-8 sequences outnumber the invalid bytes at least ten to one: text in another
    /// single-byte encoding almost never forms a valid sequence (a lead byte C2..F4 followed by the right number of
    /// 80..BF bytes), so such bytes are UTF-8 with a few damaged places.
    /// </summary>
    internal static bool IsMostlyUtf8(ReadOnlySpan<byte> content)
    {
        var valid = 0;
        var invalid = 0;
        while (!content.IsEmpty)
        {
            var nonAscii = content.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            if (nonAscii < 0)
            {
                break;
            }

            content = content[nonAscii..];

            if (System.Text.Rune.DecodeFromUtf8(content, out _, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                valid++;
            }
            else
            {
                invalid++;
            }
            content = content[consumed..];
        }

        return valid > 0 && valid >= 10 * invalid;
    }

    private static Encoding? FindHtmlCharset(ReadOnlySpan<byte> head)
    {
        // Charset declarations are ASCII, so a Latin-1 view of the bytes is enough to find them.
        var text = Encoding.Latin1.GetString(head);
        foreach (Match meta in MetaTagRegex().Matches(text))
        {
            var charset = CharsetRegex().Match(meta.Value);
            if (charset.Success && Resolve(charset.Groups[1].Value) is { } encoding)
            {
                return encoding;
            }
        }

        return null;
    }

    private static Encoding? Detect(ReadOnlySpan<byte> content)
    {
        var best = CharsetDetector.DetectFromBytes(content).Detected;
        var detected = best is null || best.Confidence < MinDetectorConfidence ? null : Resolve(best.EncodingName);
        var confident = best is not null && best.Confidence >= ConfidentDetection;
        if ((detected is null || (detected.IsSingleByte && !confident)) && LooksLikeDoubleByteCjk(content))
        {
            return s_gb18030;
        }

        return detected;
    }

    /// <summary>
    /// Short CJK texts defeat statistical detection ("人工智能" in GBK is guessed as Greek). In EUC-style encodings
    /// (GB2312/GBK, EUC-KR) common characters are pairs of bytes in A1..FE, while Latin-1 text almost never has
    /// two high bytes in a row; so when every high byte sits in such a pair, GB18030 is the better guess.
    /// </summary>
    private static bool LooksLikeDoubleByteCjk(ReadOnlySpan<byte> content)
    {
        var pairs = 0;
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] < 0x80)
            {
                continue;
            }

            if (i + 1 >= content.Length || content[i] is < 0xA1 or > 0xFE || content[i + 1] is < 0xA1 or > 0xFE)
            {
                return false;
            }

            pairs++;
            i++;
        }

        return pairs >= 2;
    }

    /// <summary>
    /// Maps a label to a usable decoder. UTF-8/UTF-16 labels are ignored because they were already ruled out
    /// (the bytes are not valid UTF-8 and there is no BOM); labels are widened to their supersets as browsers do.
    /// </summary>
    private static Encoding? Resolve(string label)
    {
        var name = label.Trim().ToLowerInvariant();
        switch (name)
        {
            case "":
            case "utf-8" or "utf8" or "ascii" or "us-ascii":
            case "utf-16" or "utf-16le" or "utf-16be" or "utf-32" or "utf-32le" or "utf-32be":
                return null;
            case "gb2312" or "gbk" or "gb18030" or "x-gbk" or "cp936" or "hz-gb-2312":
                return s_gb18030;
            case "iso-8859-1" or "latin1" or "l1" or "cp1252" or "windows-1252":
                return s_windows1252;
        }

        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static string NameOf(Encoding encoding) => encoding switch
    {
        UTF8Encoding => "utf-8",
        UnicodeEncoding => encoding.WebName == "utf-16BE" ? "utf-16be" : "utf-16le",
        UTF32Encoding => encoding.WebName == "utf-32BE" ? "utf-32be" : "utf-32le",
        _ => encoding.WebName.ToLowerInvariant(),
    };

    [GeneratedRegex(@"<meta\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex MetaTagRegex();

    [GeneratedRegex(@"charset\s*=\s*[""']?\s*([A-Za-z0-9_.:\-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex CharsetRegex();
}
