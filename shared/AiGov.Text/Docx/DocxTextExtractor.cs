using System.IO.Compression;
using System.Text;
using System.Xml;

namespace AiGov.Text.Docx;

/// <summary>
/// Paragraph text of a DOCX (WordprocessingML) read as a stream: the ZIP is opened with System.IO.Compression and
/// word/document.xml is read through a size cap, so a zip bomb stops at the cap instead of filling memory. Page
/// headers and footers live in other parts and are never read; deleted revisions and field codes are skipped.
/// </summary>
internal static class DocxTextExtractor
{
    /// <summary>Most uncompressed bytes read from one part (a 10 MiB DOCX of real text stays far below).</summary>
    public const long MaxPartBytes = 64L * 1024 * 1024;

    private const long MaxPropertiesBytes = 1024 * 1024;
    private const int MaxEntries = 10_000;
    private const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    private static readonly byte[] s_oleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static ExtractedDocument Extract(byte[] content, CancellationToken cancellationToken = default)
    {
        if (content.AsSpan().StartsWith(s_oleMagic))
        {
            // Password-protected Office files are OLE compound files wrapping the encrypted package.
            throw new UnreadableDocumentException(UnreadableReasons.Encrypted, "the DOCX is password-protected (an encrypted OLE container, not a ZIP)");
        }

        try
        {
            using var archive = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (archive.Entries.Count > MaxEntries)
            {
                throw new UnreadableDocumentException(UnreadableReasons.TooLarge, $"the DOCX has {archive.Entries.Count:N0} parts, more than {MaxEntries:N0}");
            }

            var body = archive.GetEntry("word/document.xml")
                ?? throw new UnreadableDocumentException(UnreadableReasons.Malformed, "the file is a ZIP but has no word/document.xml");
            var (title, text) = ReadBody(body, cancellationToken);
            var metadata = archive.GetEntry("docProps/core.xml") is { } core ? ReadCoreProperties(core) : (null, ArticleMetadata.Empty);
            if (!text.Any(char.IsLetterOrDigit))
            {
                throw new UnreadableDocumentException(UnreadableReasons.NoText, "the DOCX has no text");
            }

            return new ExtractedDocument(title ?? metadata.Item1, text, [], metadata.Item2);
        }
        catch (Exception exception) when (exception is InvalidDataException or XmlException or IOException)
        {
            throw new UnreadableDocumentException(UnreadableReasons.Malformed, $"the DOCX cannot be read ({exception.Message})", exception);
        }
    }

    private static (string? Title, string Text) ReadBody(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        using var stream = new CappedStream(entry.Open(), MaxPartBytes, entry.FullName);
        using var reader = XmlReader.Create(stream, SafeSettings());
        var text = new StringBuilder();
        var paragraph = new StringBuilder();
        string? style = null;
        string? title = null;
        var skipDepth = -1;

        // ReadElementContentAsString leaves the reader on the next node already: it must not be skipped.
        var onNextNode = false;
        var nodes = 0;
        while (onNextNode || reader.Read())
        {
            onNextNode = false;
            if (++nodes % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            if (skipDepth >= 0)
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == skipDepth)
                {
                    skipDepth = -1;
                }

                continue;
            }

            if (reader.NamespaceURI != WordNamespace)
            {
                continue;
            }

            if (reader.NodeType == XmlNodeType.Element)
            {
                switch (reader.LocalName)
                {
                    case "t":
                        paragraph.Append(reader.ReadElementContentAsString());
                        TextSizeLimit.CheckLength(text.Length + paragraph.Length, "DOCX");
                        onNextNode = !reader.EOF;
                        continue;
                    case "tab":
                        paragraph.Append(' ');
                        break;
                    case "br" or "cr":
                        paragraph.Append('\n');
                        break;
                    case "pStyle":
                        style = reader.GetAttribute("val", WordNamespace);
                        break;
                    case "delText" or "instrText" or "del" when !reader.IsEmptyElement:
                        skipDepth = reader.Depth;
                        break;
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "p")
            {
                var line = paragraph.ToString().Trim();
                if (line.Length > 0)
                {
                    if (title is null && style is not null && (style.Equals("Title", StringComparison.OrdinalIgnoreCase)
                        || style.Equals("Heading1", StringComparison.OrdinalIgnoreCase)))
                    {
                        title = line;
                    }

                    text.Append(line).Append("\n\n");
                    TextSizeLimit.CheckLength(text.Length, "DOCX");
                }

                paragraph.Clear();
                style = null;
            }
        }

        return (title, TextNormalizer.Normalize(text.ToString()));
    }

    private static (string? Title, ArticleMetadata Metadata) ReadCoreProperties(ZipArchiveEntry entry)
    {
        using var stream = new CappedStream(entry.Open(), MaxPropertiesBytes, entry.FullName);
        using var reader = XmlReader.Create(stream, SafeSettings());
        string? title = null;
        string? author = null;
        DateTimeOffset? created = null;
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            var name = reader.LocalName;
            if (name is not ("title" or "creator" or "created"))
            {
                reader.Read();
                continue;
            }

            // Leaves the reader on the following node, which the loop looks at next.
            var value = reader.ReadElementContentAsString();
            switch (name)
            {
                case "title":
                    title = NonEmpty(value);
                    break;
                case "creator":
                    author = NonEmpty(value);
                    break;
                case "created" when DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed):
                    created = parsed;
                    break;
            }
        }

        return (title, new ArticleMetadata(created, null, null, author));
    }

    private static string? NonEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static XmlReaderSettings SafeSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreWhitespace = false,
    };
}

/// <summary>A read-only stream that throws once more than a set number of bytes has been read from it.</summary>
internal sealed class CappedStream(Stream inner, long maxBytes, string partName) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        _read += read;
        if (_read > maxBytes)
        {
            throw new UnreadableDocumentException(UnreadableReasons.TooLarge,
                $"{partName} expands to more than {maxBytes / (1024 * 1024)} MiB (zip bomb?)");
        }

        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
