using System.Text.RegularExpressions;

namespace AiGov.Text;

/// <summary>The result of <see cref="DocumentCleaner.Clean(ReadOnlySpan{byte}, string)"/>.</summary>
/// <param name="Title">HTML &lt;title&gt;, the first Markdown heading, or the first short line of plain text; null when none.</param>
/// <param name="CleanText">Normalised article text without boilerplate.</param>
/// <param name="ContentSha256">Exact-duplicate key: <see cref="ContentFingerprint.Sha256Hex(string)"/> of <paramref name="CleanText"/>.</param>
/// <param name="Format">The format used to extract the text.</param>
/// <param name="EncodingName">The encoding the bytes were decoded with (see <see cref="DecodedText.EncodingName"/>).</param>
public sealed record CleanedDocument(string? Title, string CleanText, string ContentSha256, SourceFormat Format, string EncodingName);

/// <summary>The whole cleaning pipeline from raw bytes to clean text and its fingerprint.</summary>
public static partial class DocumentCleaner
{
    private const int MaxTitleLength = 200;

    /// <summary>
    /// Cleans a document whose format is taken from <paramref name="fileName"/>'s extension; names without a
    /// supported extension are sniffed (<see cref="SourceFormats.Sniff"/>). Callers should reject binary content
    /// (<see cref="ContentSniffer.LooksBinary"/>) and unsupported extensions beforehand.
    /// </summary>
    public static CleanedDocument Clean(ReadOnlySpan<byte> content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var format = SourceFormats.FromFileName(fileName) ?? SourceFormats.Sniff(content);
        return Clean(content, format);
    }

    /// <summary>
    /// decode → extract (HtmlExtractor / MarkdownStripper) → normalise → title → BoilerplateRemover → normalise →
    /// fingerprint. For plain text and Markdown the title line stays in the clean text (it is part of the article);
    /// for HTML the &lt;title&gt; is separate metadata.
    /// </summary>
    public static CleanedDocument Clean(ReadOnlySpan<byte> content, SourceFormat format)
    {
        var decoded = TextDecoder.Decode(content, format == SourceFormat.Html);
        string? title;
        string text;
        switch (format)
        {
            case SourceFormat.Html:
                var extracted = HtmlExtractor.Extract(decoded.Text);
                title = extracted.Title;
                text = extracted.Text;
                break;
            case SourceFormat.Markdown:
                text = TextNormalizer.Normalize(MarkdownStripper.Strip(decoded.Text));
                title = ValidTitle(MarkdownStripper.FindFirstHeading(decoded.Text)) ?? FindPlainTextTitle(text);
                break;
            default:
                text = TextNormalizer.Normalize(decoded.Text);
                title = FindPlainTextTitle(text);
                break;
        }

        var cleanText = TextNormalizer.Normalize(BoilerplateRemover.Remove(text, title));
        return new CleanedDocument(title, cleanText, ContentFingerprint.Sha256Hex(cleanText), format, decoded.EncodingName);
    }

    /// <summary>The first line when it is short (≤ 200 characters), has letters and does not end like a sentence.</summary>
    internal static string? FindPlainTextTitle(string normalizedText)
    {
        var end = normalizedText.IndexOf('\n');
        var firstLine = (end < 0 ? normalizedText : normalizedText[..end]).Trim();
        return ValidTitle(firstLine);
    }

    private static string? ValidTitle(string? candidate)
    {
        if (string.IsNullOrWhiteSpace(candidate))
        {
            return null;
        }

        var title = TextNormalizer.Normalize(candidate);
        if (title.Length > MaxTitleLength || title.Contains('\n') || !title.Any(char.IsLetter)
            || SentenceEndRegex().IsMatch(title) || UrlRegex().IsMatch(title))
        {
            return null;
        }

        return title;
    }

    // A final period (but not an ellipsis or abbreviation-like "U.S."), comma, semicolon or colon.
    [GeneratedRegex(@"(?:(?<![.\p{Lu}])\.|[,;:。．，；：])$")]
    private static partial Regex SentenceEndRegex();

    [GeneratedRegex(@"^(?:https?://|www\.)\S+$", RegexOptions.IgnoreCase)]
    private static partial Regex UrlRegex();
}
