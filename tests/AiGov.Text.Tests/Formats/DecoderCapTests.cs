using System.Globalization;
using System.IO.Compression;
using System.Text;
using AiGov.Tests.Shared;
using AiGov.Text.Pdf;

namespace AiGov.Text.Tests.Formats;

/// <summary>Issue #19 point 3: every decoder is capped, and a document over a cap fails with <c>too_large</c>.</summary>
public sealed class DecoderCapTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void A_pdf_built_this_way_is_read_when_its_stream_is_small()
    {
        var pdf = TestPdfs.PdfWithContentStreams(ContentStream("Decoded text of a small content stream.", paddingBytes: 0));

        var cleaned = DocumentCleaner.Clean(pdf, "small.pdf");

        Assert.Contains("Decoded text of a small content stream.", cleaned.CleanText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_whose_content_stream_inflates_past_the_stream_cap_is_too_large()
    {
        var pdf = TestPdfs.PdfWithContentStreams(ContentStream("Text before a bomb.", CappedFilterProvider.DefaultMaxStreamBytes + MiB));
        Assert.True(pdf.Length < 1 * MiB, $"the bomb must be small compressed ({pdf.Length:N0} bytes)");

        var exception = Assert.Throws<UnreadableDocumentException>(() => DocumentCleaner.Clean(pdf, "bomb.pdf"));

        Assert.Equal(UnreadableReasons.TooLarge, exception.Reason);
        Assert.Contains("decodes to more than 64 MiB", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_whose_streams_together_inflate_past_the_document_cap_is_too_large()
    {
        // Each stream under the stream cap, five of them over the document's.
        var streams = Enumerable.Range(0, 5).Select(i => ContentStream($"Part {i}.", 60 * MiB)).ToArray();
        var pdf = TestPdfs.PdfWithContentStreams(streams);

        var exception = Assert.Throws<UnreadableDocumentException>(() => DocumentCleaner.Clean(pdf, "bombs.pdf"));

        Assert.Equal(UnreadableReasons.TooLarge, exception.Reason);
        Assert.Contains("in all", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_000)]
    [InlineData(1_000_000)]
    public void Inflated_length_counts_what_a_flate_stream_decodes_to(int length)
    {
        var compressed = Zlib(Encoding.ASCII.GetBytes(new string('x', length)));

        Assert.Equal(length, CappedFilterProvider.InflatedLength(compressed, long.MaxValue));
    }

    [Fact]
    public void Inflated_length_stops_counting_just_past_the_limit()
    {
        var compressed = Zlib(new byte[10 * MiB]);

        var counted = CappedFilterProvider.InflatedLength(compressed, MiB);

        Assert.InRange(counted, MiB + 1, MiB + (128 * 1024));
    }

    [Fact]
    public void A_docx_of_more_characters_than_the_cleaner_takes_is_too_large()
    {
        var paragraphs = (TextSizeLimit.MaxCharacters / 100_000) + 1;
        var docx = DocxCleaningTests.BuildDocx("<w:body>" + string.Concat(Enumerable.Repeat("<w:p><w:r><w:t>" + new string('a', 100_000) + "</w:t></w:r></w:p>", paragraphs)) + "</w:body>");

        var exception = Assert.Throws<UnreadableDocumentException>(() => DocumentCleaner.Clean(docx, "long.docx"));

        Assert.Equal(UnreadableReasons.TooLarge, exception.Reason);
        Assert.Contains($"more than {TextSizeLimit.MaxCharacters:N0} characters", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_file_of_more_characters_than_the_cleaner_takes_is_too_large()
    {
        var text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("A line of a very long text file.\n", (TextSizeLimit.MaxCharacters / 33) + 10)));

        var exception = Assert.Throws<UnreadableDocumentException>(() => DocumentCleaner.Clean(text, "long.txt"));

        Assert.Equal(UnreadableReasons.TooLarge, exception.Reason);
    }

    /// <summary>A content stream that shows <paramref name="text"/> and then holds <paramref name="paddingBytes"/>
    /// spaces, which inflate from almost nothing.</summary>
    private static byte[] ContentStream(string text, long paddingBytes)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(Encoding.ASCII.GetBytes($"BT /F1 12 Tf 72 712 Td ({text}) Tj ET\n"));
            var spaces = new byte[MiB];
            Array.Fill(spaces, (byte)' ');
            for (var left = paddingBytes; left > 0; left -= spaces.Length)
            {
                zlib.Write(spaces, 0, (int)Math.Min(left, spaces.Length));
            }
        }
        return output.ToArray();
    }

    private static byte[] Zlib(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(data);
        }
        return output.ToArray();
    }
}
