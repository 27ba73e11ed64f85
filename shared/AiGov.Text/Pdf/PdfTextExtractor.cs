using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.Exceptions;

namespace AiGov.Text.Pdf;

/// <summary>
/// Text of a PDF with PdfPig: words grouped into blocks (Docstrum) in reading order, lines repeated at the top or
/// bottom of most pages (running headers, footers, page numbers) removed, soft line breaks joined and end-of-line
/// hyphenation undone. PdfPig cannot be cancelled inside a page, so the cleaner runs this in a child process it can
/// kill (<see cref="IPdfReader"/>).
/// </summary>
public static class PdfTextExtractor
{
    // Bounds the work on a hostile file; a 10 MiB PDF rarely has more.
    private const int MaxPages = 2000;

    public static ExtractedDocument Extract(byte[] content, CancellationToken cancellationToken = default)
    {
        using var document = Open(content);
        var pages = ReadPages(document, cancellationToken);
        if (!pages.Any(page => page.Blocks.Any(block => block.Lines.Any(line => line.Text.Any(char.IsLetterOrDigit)))))
        {
            throw new UnreadableDocumentException(UnreadableReasons.NoText,
                $"the PDF has no text layer ({document.NumberOfPages} page(s) without extractable text; scanned?)");
        }

        var removed = RunningLineFilter.Remove(pages);
        var text = TextNormalizer.Normalize(ParagraphJoiner.Join(pages));
        return new ExtractedDocument(Clean(document.Information.Title), text, removed, ReadMetadata(document));
    }

    private static PdfDocument Open(byte[] content)
    {
        try
        {
            return PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true, FilterProvider = new CappedFilterProvider() });
        }
        catch (UnreadableDocumentException)
        {
            throw;
        }
        catch (PdfDocumentEncryptedException exception)
        {
            throw new UnreadableDocumentException(UnreadableReasons.Encrypted, "the PDF is encrypted and needs a password", exception);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new UnreadableDocumentException(UnreadableReasons.Malformed, $"the PDF cannot be parsed ({exception.Message})", exception);
        }
    }

    private static List<PdfPageText> ReadPages(PdfDocument document, CancellationToken cancellationToken)
    {
        var pages = new List<PdfPageText>();
        Exception? firstError = null;
        var count = Math.Min(document.NumberOfPages, MaxPages);
        long characters = 0;
        for (var number = 1; number <= count; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var page = ReadPage(document.GetPage(number));
                characters += page.Blocks.Sum(block => block.Lines.Sum(line => (long)line.Text.Length + 1));
                TextSizeLimit.CheckLength(characters, "PDF");
                pages.Add(page);
            }
            catch (UnreadableDocumentException)
            {
                throw;
            }
            catch (PdfDocumentEncryptedException exception)
            {
                throw new UnreadableDocumentException(UnreadableReasons.Encrypted, "the PDF is encrypted and needs a password", exception);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // One broken page should not lose the others.
                firstError ??= exception;
            }
        }

        if (pages.Count == 0 && firstError is not null)
        {
            throw new UnreadableDocumentException(UnreadableReasons.Malformed, $"no page of the PDF can be read ({firstError.Message})", firstError);
        }

        return pages;
    }

    private static PdfPageText ReadPage(Page page)
    {
        var words = page.GetWords().Where(word => !string.IsNullOrWhiteSpace(word.Text)).ToList();
        if (words.Count == 0)
        {
            return new PdfPageText([]);
        }

        var blocks = UnsupervisedReadingOrderDetector.Instance.Get(DocstrumBoundingBoxes.Instance.GetBlocks(words));
        return new PdfPageText(blocks
            .OrderBy(block => block.ReadingOrder)
            .Select(block => new PdfBlock(block.TextLines
                .Select(line => new PdfLine(line.Text, line.BoundingBox.Top, line.BoundingBox.Bottom))
                .ToList()))
            .ToList());
    }

    private static ArticleMetadata ReadMetadata(PdfDocument document)
    {
        DateTimeOffset? created = null;
        try
        {
            created = document.Information.GetCreatedDateTimeOffset();
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException)
        {
            // A malformed date is no reason to refuse the text.
        }

        return new ArticleMetadata(created, null, null, Clean(document.Information.Author));
    }

    private static string? Clean(string? value)
    {
        var text = TextNormalizer.Normalize(value ?? string.Empty);
        return text.Length == 0 || text.Length > 200 || text.Contains('\n') ? null : text;
    }
}

internal sealed record PdfLine(string Text, double Top, double Bottom);

internal sealed record PdfBlock(List<PdfLine> Lines);

internal sealed record PdfPageText(List<PdfBlock> Blocks);

/// <summary>Joins the lines of PDF blocks into paragraphs, across page breaks when a sentence continues.</summary>
internal static class ParagraphJoiner
{
    public static string Join(IEnumerable<PdfPageText> pages)
    {
        var paragraphs = new List<StringBuilder>();
        var continueLast = false;
        foreach (var page in pages)
        {
            foreach (var block in page.Blocks.Where(block => block.Lines.Count > 0))
            {
                var paragraph = continueLast && paragraphs.Count > 0 && StartsLowercase(block.Lines[0].Text) ? paragraphs[^1] : null;
                if (paragraph is null)
                {
                    paragraph = new StringBuilder();
                    paragraphs.Add(paragraph);
                }

                foreach (var line in block.Lines)
                {
                    Append(paragraph, line.Text.Trim());
                }

                continueLast = false;
            }

            // A paragraph that ends a page without closing its sentence may go on at the top of the next one.
            continueLast = paragraphs.Count > 0 && !EndsSentence(paragraphs[^1]);
        }

        return string.Join("\n\n", paragraphs.Select(paragraph => paragraph.ToString()));
    }

    private static void Append(StringBuilder paragraph, string line)
    {
        if (line.Length == 0)
        {
            return;
        }

        if (paragraph.Length == 0)
        {
            paragraph.Append(line);
            return;
        }

        var last = paragraph[^1];
        if (last is '-' or '\u00AD' && paragraph.Length >= 2 && char.IsLetter(paragraph[^2]) && char.IsLower(line[0]))
        {
            // "regu-" + "lation" → "regulation". A hyphen before a capital ("Sino-" + "US") is kept.
            paragraph.Length--;
            paragraph.Append(line);
        }
        else if (ScriptCounter.IsCjk(last) || ScriptCounter.IsCjk(line[0]) || last is '-' or '/')
        {
            paragraph.Append(line);
        }
        else
        {
            paragraph.Append(' ').Append(line);
        }
    }

    private static bool StartsLowercase(string text) => text.TrimStart() is { Length: > 0 } trimmed && char.IsLower(trimmed[0]);

    private static bool EndsSentence(StringBuilder paragraph) =>
        paragraph.Length == 0 || paragraph[^1] is '.' or '!' or '?' or ':' or ';' or '。' or '！' or '？' or '”' or '"' or ')';
}
