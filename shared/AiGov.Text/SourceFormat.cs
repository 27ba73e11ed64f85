using System.Text;

namespace AiGov.Text;

/// <summary>The markup family of a source document, which decides how its text is extracted.</summary>
public enum SourceFormat
{
    PlainText,
    Markdown,
    Html,
    Pdf,
    Docx,
}

/// <summary>Maps file names and raw content to a <see cref="SourceFormat"/>.</summary>
public static class SourceFormats
{
    private static readonly string[] s_htmlStarts = ["<!doctype html", "<html", "<head", "<body"];

    /// <summary>
    /// Format by extension (case-insensitive): .txt/.text → PlainText, .md/.markdown → Markdown,
    /// .html/.htm/.xhtml → Html, .pdf → Pdf, .docx → Docx. Returns null both for a name without extension (the caller should
    /// <see cref="Sniff"/> the content) and for any other extension (unsupported).
    /// </summary>
    public static SourceFormat? FromFileName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".txt" or ".text" => SourceFormat.PlainText,
            ".md" or ".markdown" => SourceFormat.Markdown,
            ".html" or ".htm" or ".xhtml" => SourceFormat.Html,
            ".pdf" => SourceFormat.Pdf,
            ".docx" => SourceFormat.Docx,
            _ => null,
        };
    }

    /// <summary>
    /// True for formats whose files are binary by nature (PDF, DOCX): callers must not refuse them with
    /// <see cref="ContentSniffer.LooksBinary"/>; the cleaner checks them itself and reports what it cannot read.
    /// </summary>
    public static bool IsBinaryFormat(SourceFormat format) => format is SourceFormat.Pdf or SourceFormat.Docx;

    /// <summary>The name used in messages and the database: plain_text, markdown, html, pdf or docx.</summary>
    public static string Name(SourceFormat format) => format switch
    {
        SourceFormat.Markdown => "markdown",
        SourceFormat.Html => "html",
        SourceFormat.Pdf => "pdf",
        SourceFormat.Docx => "docx",
        _ => "plain_text",
    };

    /// <summary>True when the file name has no extension, i.e. the content must be sniffed.</summary>
    public static bool HasNoExtension(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return Path.GetExtension(fileName).Length == 0;
    }

    /// <summary>
    /// For extension-less files: Html when the decoded start (after BOM, whitespace, comments and an
    /// XML declaration) begins with &lt;!doctype html, &lt;html, &lt;head or &lt;body; otherwise PlainText.
    /// </summary>
    public static SourceFormat Sniff(ReadOnlySpan<byte> content)
    {
        var start = DecodeStart(content);
        var position = 0;
        while (true)
        {
            while (position < start.Length && char.IsWhiteSpace(start[position]))
            {
                position++;
            }

            var rest = start.AsSpan(position);
            if (rest.StartsWith("<!--", StringComparison.Ordinal))
            {
                var end = start.IndexOf("-->", position + 4, StringComparison.Ordinal);
                if (end < 0)
                {
                    return SourceFormat.PlainText;
                }

                position = end + 3;
                continue;
            }

            if (rest.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase))
            {
                var end = start.IndexOf("?>", position, StringComparison.Ordinal);
                if (end < 0)
                {
                    return SourceFormat.PlainText;
                }

                position = end + 2;
                continue;
            }

            foreach (var marker in s_htmlStarts)
            {
                if (rest.StartsWith(marker, StringComparison.OrdinalIgnoreCase)
                    && (rest.Length == marker.Length || !char.IsLetterOrDigit(rest[marker.Length])))
                {
                    return SourceFormat.Html;
                }
            }

            return SourceFormat.PlainText;
        }
    }

    private static string DecodeStart(ReadOnlySpan<byte> content)
    {
        var head = content[..Math.Min(content.Length, 2048)];
        var (encoding, bomLength) = TextDecoder.DetectBom(head);
        if (encoding is not null)
        {
            return encoding.GetString(head[bomLength..]);
        }

        // Markup starts are ASCII in every ASCII-compatible encoding, so Latin-1 is enough here.
        return Encoding.Latin1.GetString(head);
    }
}
