using System.Text;
using AiGov.Cleaner;
using AiGov.Tests.Shared;
using AiGov.Text;
using AiGov.Text.Pdf;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace AiGov.Cleaner.Tests;

/// <summary>Issue #19 point 1 for PDF: the cleaner reads a PDF in a child process and kills it when the stage gives
/// up, because PdfPig checks no token inside a page.</summary>
public sealed class ChildProcessPdfReaderTests
{
    private readonly ChildProcessPdfReader _reader = new(NullLogger<ChildProcessPdfReader>.Instance);

    [Fact]
    public void Reads_the_same_text_as_the_reader_in_this_process()
    {
        var pdf = TestPdfs.OnePagePdf(TestPdfs.TextLines(
            "The council adopted the rules on artificial intelligence on Monday.",
            "Providers of general-purpose models must publish a summary of their training data."));

        var inProcess = PdfTextExtractor.Extract(pdf);
        var fromChild = _reader.Read(pdf, CancellationToken.None);

        Assert.Contains("adopted the rules on artificial intelligence", fromChild.Text);
        Assert.Equal(inProcess.Text, fromChild.Text);
        Assert.Equal(inProcess.Title, fromChild.Title);
        Assert.Equal(inProcess.Metadata, fromChild.Metadata);
        Assert.Equal(inProcess.Removed, fromChild.Removed);
    }

    [Fact]
    public void A_pdf_the_child_cannot_read_is_unreadable_with_the_childs_reason()
    {
        var exception = Assert.Throws<UnreadableDocumentException>(
            () => _reader.Read(Encoding.ASCII.GetBytes("%PDF-1.7\nno objects, no xref\n%%EOF"), CancellationToken.None));

        Assert.Equal(UnreadableReasons.Malformed, exception.Reason);
        Assert.StartsWith("malformed: the PDF cannot be parsed", exception.Message);
    }

    [Fact]
    public void A_page_without_text_is_no_text()
    {
        var exception = Assert.Throws<UnreadableDocumentException>(() => _reader.Read(TestPdfs.OnePagePdf("0 0 m 100 100 l S\n"), CancellationToken.None));

        Assert.Equal(UnreadableReasons.NoText, exception.Reason);
    }

    [Fact]
    public void Giving_up_kills_the_child_inside_a_page()
    {
        // 40,000 words on one page: seconds of block layout that PdfPig cannot stop (6 s measured, docs/CLEANING.md).
        var pdf = TestPdfs.OnePagePdf(TestPdfs.WordGrid(columns: 100, rows: 400));
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var stopped = Assert.ThrowsAny<OperationCanceledException>(() => _reader.Read(pdf, giveUp.Token));

        // 137 = 128 + SIGKILL: the child was killed inside the page, not left to finish it (exit code 0).
        Assert.EndsWith("(exit code 137)", stopped.Message);
        Assert.Empty(ChildProcesses.Of(Environment.ProcessId, ChildProcessPdfReader.ChildArgument));
    }
}
