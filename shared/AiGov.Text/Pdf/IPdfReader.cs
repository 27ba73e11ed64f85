namespace AiGov.Text.Pdf;

/// <summary>Reads a PDF's text for <see cref="DocumentCleaner"/>. PdfPig checks no token inside a page (parsing a
/// page's content, grouping its words into blocks), so one hostile page can keep a core busy long after the caller gave
/// up; a reader that can stop that work (the cleaner service's child process) takes its place. Without one the PDF is
/// read in this process and cancellation is checked between pages.</summary>
public interface IPdfReader
{
    /// <exception cref="UnreadableDocumentException">The PDF has no text, is encrypted, too large or malformed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the reading
    /// has stopped.</exception>
    ExtractedDocument Read(byte[] content, CancellationToken cancellationToken);
}
