using System.Text.RegularExpressions;
using AiGov.Text.Boilerplate;
using AiGov.Text.Docx;
using AiGov.Text.Pdf;

namespace AiGov.Text;

/// <summary>The result of <see cref="DocumentCleaner.Clean(ReadOnlySpan{byte}, string)"/>.</summary>
/// <param name="Title">HTML &lt;title&gt;, the first Markdown heading, or the first short line of plain text; null when none.</param>
/// <param name="CleanText">Normalised article text without boilerplate.</param>
/// <param name="ContentSha256">Exact-duplicate key: <see cref="ContentFingerprint.Sha256Hex(string)"/> of <paramref name="CleanText"/>.</param>
/// <param name="Format">The format used to extract the text.</param>
/// <param name="EncodingName">The encoding the bytes were decoded with (see <see cref="DecodedText.EncodingName"/>); "binary" for PDF.</param>
public sealed record CleanedDocument(string? Title, string CleanText, string ContentSha256, SourceFormat Format, string EncodingName)
{
    /// <summary>Publication date, source, address and author, when the document names them.</summary>
    public ArticleMetadata Metadata { get; init; } = ArticleMetadata.Empty;

    /// <summary>What cleaning dropped, labelled, in document order (capped, see <see cref="DocumentCleaner"/>).</summary>
    public IReadOnlyList<RemovedText> Removed { get; init; } = [];
}

/// <summary>The whole cleaning pipeline from raw bytes to clean text and its fingerprint.</summary>
public static partial class DocumentCleaner
{
    private const int MaxTitleLength = 200;
    private const int MaxRemovedBlocks = 200;
    private const int MaxRemovedBlockChars = 4000;

    /// <summary>
    /// Cleans a document whose format is taken from <paramref name="fileName"/>'s extension; names without a
    /// supported extension are sniffed (<see cref="SourceFormats.Sniff"/>). Callers should reject binary content
    /// (<see cref="ContentSniffer.LooksBinary"/>) and unsupported extensions beforehand.
    /// </summary>
    public static CleanedDocument Clean(ReadOnlySpan<byte> content, string fileName, CancellationToken cancellationToken = default) =>
        Clean(content, fileName, SitePhrases.Empty, cancellationToken);

    /// <summary><see cref="Clean(ReadOnlySpan{byte}, string, CancellationToken)"/>, also dropping the lines that
    /// <paramref name="sitePhrases"/> lists for the document's site (label <c>site-repeat</c>).</summary>
    public static CleanedDocument Clean(ReadOnlySpan<byte> content, string fileName, SitePhrases sitePhrases, CancellationToken cancellationToken = default) =>
        Clean(content, fileName, sitePhrases, pdfReader: null, cancellationToken);

    /// <summary><see cref="Clean(ReadOnlySpan{byte}, string, SitePhrases, CancellationToken)"/> reading a PDF with
    /// <paramref name="pdfReader"/> (null: in this process).</summary>
    public static CleanedDocument Clean(ReadOnlySpan<byte> content, string fileName, SitePhrases sitePhrases, IPdfReader? pdfReader,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var format = SourceFormats.FromFileName(fileName) ?? SourceFormats.Sniff(content);
        return Clean(content, format, sitePhrases, pdfReader, cancellationToken);
    }

    /// <summary>
    /// decode → extract (HtmlExtractor / MarkdownStripper / PdfTextExtractor / DocxTextExtractor) → normalise →
    /// title → metadata → BoilerplateRemover → fingerprint. For plain text, Markdown, PDF and DOCX the title line
    /// stays in the clean text (it is part of the article); for HTML the &lt;title&gt; is separate metadata.
    /// </summary>
    /// <exception cref="UnreadableDocumentException">A PDF or DOCX without text, encrypted, too large when expanded, or
    /// malformed; or any document with no letter left after cleaning (<see cref="UnreadableReasons.NoText"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked between
    /// steps and between PDF pages).</exception>
    public static CleanedDocument Clean(ReadOnlySpan<byte> content, SourceFormat format, CancellationToken cancellationToken = default) =>
        Clean(content, format, SitePhrases.Empty, cancellationToken);

    /// <summary><see cref="Clean(ReadOnlySpan{byte}, SourceFormat, CancellationToken)"/> with the phrases mined for
    /// the document's site (<see cref="SitePhrases.SiteKey"/>).</summary>
    public static CleanedDocument Clean(ReadOnlySpan<byte> content, SourceFormat format, SitePhrases sitePhrases, CancellationToken cancellationToken = default) =>
        Clean(content, format, sitePhrases, pdfReader: null, cancellationToken);

    /// <summary><see cref="Clean(ReadOnlySpan{byte}, SourceFormat, SitePhrases, CancellationToken)"/> reading a PDF
    /// with <paramref name="pdfReader"/> (null: in this process).</summary>
    public static CleanedDocument Clean(ReadOnlySpan<byte> content, SourceFormat format, SitePhrases sitePhrases, IPdfReader? pdfReader,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sitePhrases);
        var (extracted, encodingName) = Extract(content, format, pdfReader, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var text = extracted.Text;
        var title = TitleOf(extracted, format);

        // Reading the text only fills fields the page did not declare.
        var declared = extracted.Metadata;
        var metadata = declared is { PublishedAt: not null, Source: not null, SourceUrl: not null, Author: not null }
            ? declared
            : declared.Or(TextMetadataReader.Read(text));
        var siteLines = sitePhrases.SiteCount == 0 ? null : sitePhrases.For(SitePhrases.SiteKey(metadata));
        var boilerplate = BoilerplateRemover.Apply(text, title, siteLines);
        cancellationToken.ThrowIfCancellationRequested();
        var cleanText = boilerplate.Text;
        if (ChoosesBodyLines(format))
        {
            var (body, outside) = ProseRun.Keep(cleanText);
            if (outside.Count > 0)
            {
                cleanText = TextNormalizer.Normalize(body);
                boilerplate = boilerplate with { Text = cleanText, Removed = [.. boilerplate.Removed, .. outside.Select(line => new RemovedText("outside-body", line))] };
            }
        }
        if (format != SourceFormat.Html && title is not null && !cleanText.Contains(title, StringComparison.Ordinal))
        {
            // The first line was navigation or a label, not the headline.
            title = FindPlainTextTitle(cleanText);
        }

        if (!cleanText.Any(char.IsLetter))
        {
            // Stored, an empty text would become the "exact duplicate" of every later empty page.
            throw new UnreadableDocumentException(UnreadableReasons.NoText, NoTextDetail(format, content.Length, extracted.Text.Length));
        }

        return new CleanedDocument(title, cleanText, ContentFingerprint.Sha256Hex(cleanText), format, encodingName)
        {
            Metadata = metadata,
            Removed = Cap(extracted.Removed.Concat(boilerplate.Removed)),
        };
    }

    /// <summary>Plain text and Markdown have no markup to tell the article from the page around it: their body is
    /// chosen line by line (<see cref="ProseRun"/>).</summary>
    private static bool ChoosesBodyLines(SourceFormat format) => format is SourceFormat.PlainText or SourceFormat.Markdown;

    /// <summary>The text whose lines <see cref="ProseRun"/> chooses the body from, as <see cref="Clean(ReadOnlySpan{byte}, SourceFormat, CancellationToken)"/>
    /// hands it over (extracted, boilerplate removed); null for a format whose body is not chosen by lines. For
    /// training the body-line model on the same text the cleaner sees.</summary>
    internal static string? TextForBodyLines(ReadOnlySpan<byte> content, SourceFormat format)
    {
        if (!ChoosesBodyLines(format))
        {
            return null;
        }
        var (extracted, _) = Extract(content, format, pdfReader: null, CancellationToken.None);
        return BoilerplateRemover.Apply(extracted.Text, TitleOf(extracted, format), null).Text;
    }

    /// <summary>The page's own title for HTML; for other formats the declared one when it is a valid title, else the
    /// text's first line when it reads as one.</summary>
    private static string? TitleOf(ExtractedDocument extracted, SourceFormat format) =>
        format == SourceFormat.Html ? extracted.Title : ValidTitle(extracted.Title) ?? FindPlainTextTitle(extracted.Text);

    private static string NoTextDetail(SourceFormat format, int bytes, int extractedCharacters) =>
        extractedCharacters == 0 || format != SourceFormat.Html
            ? $"the {format.ToString().ToLowerInvariant()} file ({bytes:N0} bytes) holds no letters once markup and boilerplate are removed; if it should, save the page's text or a PDF with a text layer and drop that"
            : $"the html page ({bytes:N0} bytes) has no readable text outside scripts, styles and page furniture (its {extractedCharacters:N0} characters of text were all boilerplate); the article may be loaded by a script: save the rendered page instead";

    private static (ExtractedDocument Document, string EncodingName) Extract(ReadOnlySpan<byte> content, SourceFormat format, IPdfReader? pdfReader,
        CancellationToken cancellationToken)
    {
        switch (format)
        {
            case SourceFormat.Pdf:
                return (pdfReader?.Read(content.ToArray(), cancellationToken) ?? PdfTextExtractor.Extract(content.ToArray(), cancellationToken), "binary");
            case SourceFormat.Docx:
                return (DocxTextExtractor.Extract(content.ToArray(), cancellationToken), "utf-8");
        }

        var decoded = TextDecoder.Decode(content, format == SourceFormat.Html);
        TextSizeLimit.CheckLength(decoded.Text.Length, format.ToString().ToLowerInvariant() + " file");
        cancellationToken.ThrowIfCancellationRequested();
        var document = format switch
        {
            SourceFormat.Html => HtmlExtractor.ExtractDocument(decoded.Text, cancellationToken),
            SourceFormat.Markdown => new ExtractedDocument(MarkdownStripper.FindFirstHeading(decoded.Text),
                TextNormalizer.Normalize(MarkdownStripper.Strip(decoded.Text, cancellationToken)), [], ArticleMetadata.Empty),
            _ => new ExtractedDocument(null, TextNormalizer.Normalize(decoded.Text), [], ArticleMetadata.Empty),
        };
        return (document, decoded.EncodingName);
    }

    /// <summary>Keeps the audit small enough for a message: long blocks are cut, and only the first blocks are kept.</summary>
    private static List<RemovedText> Cap(IEnumerable<RemovedText> removed) =>
        removed.Take(MaxRemovedBlocks)
            .Select(block => block.Text.Length <= MaxRemovedBlockChars ? block : block with { Text = block.Text[..MaxRemovedBlockChars] + "…" })
            .ToList();

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
    [GeneratedRegex(@"(?:(?<![.\p{Lu}])\.|[,;:。．，；：])$", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex SentenceEndRegex();

    [GeneratedRegex(@"^(?:https?://|www\.)\S+$", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex UrlRegex();
}
