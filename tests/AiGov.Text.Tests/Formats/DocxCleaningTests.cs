using System.IO.Compression;
using System.Text;

namespace AiGov.Text.Tests.Formats;

public class DocxCleaningTests
{
    private const string Body = """
        <w:body>
          <w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Interim Measures for Generative AI Services</w:t></w:r></w:p>
          <w:p><w:r><w:t xml:space="preserve">Article 1 These measures are formulated to promote the healthy development </w:t></w:r><w:r><w:t>of generative artificial intelligence.</w:t></w:r></w:p>
          <w:p><w:r><w:t>Article 2 Providers shall respect intellectual property rights.</w:t></w:r><w:del><w:r><w:delText>Deleted draft wording.</w:delText></w:r></w:del></w:p>
        </w:body>
        """;

    [Fact]
    public void Docx_paragraphs_and_title_are_extracted()
    {
        var cleaned = DocumentCleaner.Clean(BuildDocx(Body), "measures.docx");

        Assert.Equal(SourceFormat.Docx, cleaned.Format);
        Assert.Equal("Interim Measures for Generative AI Services", cleaned.Title);
        Assert.Equal(
            "Interim Measures for Generative AI Services\n\n"
            + "Article 1 These measures are formulated to promote the healthy development of generative artificial intelligence.\n\n"
            + "Article 2 Providers shall respect intellectual property rights.",
            cleaned.CleanText);
        Assert.Equal("Jane Analyst", cleaned.Metadata.Author);
    }

    [Fact]
    public void Docx_zip_bomb_is_refused_at_the_size_cap()
    {
        var bomb = BuildDocx("<w:body><w:p><w:r><w:t>" + new string('a', (int)DocxCap + 1024) + "</w:t></w:r></w:p></w:body>");
        Assert.True(bomb.Length < 1024 * 1024, "the bomb must be small compressed");

        var exception = Assert.Throws<UnreadableDocumentException>(() => DocumentCleaner.Clean(bomb, "bomb.docx"));
        Assert.Equal(UnreadableReasons.TooLarge, exception.Reason);
    }

    [Fact]
    public void Password_protected_docx_is_unreadable_as_encrypted()
    {
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
        var exception = Assert.Throws<UnreadableDocumentException>(() => DocumentCleaner.Clean(ole, "locked.docx"));
        Assert.Equal(UnreadableReasons.Encrypted, exception.Reason);
    }

    [Theory]
    [InlineData("not a zip at all")]
    [InlineData("PK\u0003\u0004 truncated")]
    public void Malformed_docx_is_unreadable(string content)
    {
        var exception = Assert.Throws<UnreadableDocumentException>(() => DocumentCleaner.Clean(Encoding.ASCII.GetBytes(content), "bad.docx"));
        Assert.Equal(UnreadableReasons.Malformed, exception.Reason);
    }

    [Fact]
    public void Cleaning_a_docx_stops_inside_the_document_when_given_up()
    {
        // 300,000 short paragraphs: about 1.5 s of reading and line scoring, so a token cancelled after 0.2 s is seen
        // inside the reading or the scoring, not before or after them.
        var paragraphs = new System.Text.StringBuilder("<w:body>");
        for (var i = 0; i < 300_000; i++)
        {
            paragraphs.Append("<w:p><w:r><w:t>governance ").Append(i).Append("</w:t></w:r></w:p>");
        }
        var docx = BuildDocx(paragraphs.Append("</w:body>").ToString());
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.ThrowsAny<OperationCanceledException>(() => DocumentCleaner.Clean(docx, "many-paragraphs.docx", giveUp.Token));
    }

    [Fact]
    public void Docx_with_dtd_is_malformed_not_expanded()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\">]><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>";
        var exception = Assert.Throws<UnreadableDocumentException>(() => DocumentCleaner.Clean(Zip(("word/document.xml", xml)), "dtd.docx"));
        Assert.Equal(UnreadableReasons.Malformed, exception.Reason);
    }

    private static long DocxCap => 64L * 1024 * 1024;

    internal static byte[] BuildDocx(string body) => Zip(
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"),
        ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"),
        ("docProps/core.xml", "<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\"><dc:title>Measures</dc:title><dc:creator>Jane Analyst</dc:creator><dcterms:created>2023-07-10T08:00:00Z</dcterms:created></cp:coreProperties>"),
        ("word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">" + body + "</w:document>"));

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
                writer.Write(content);
            }
        }

        return stream.ToArray();
    }
}
