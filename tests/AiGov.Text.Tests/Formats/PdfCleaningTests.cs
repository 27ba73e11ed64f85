using System.Text;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace AiGov.Text.Tests.Formats;

public class PdfCleaningTests
{
    [Fact]
    public void Multi_page_pdf_loses_running_header_footer_and_joins_hyphenation()
    {
        var pdf = BuildPdf(
            [
                ["National Strategy for Artificial Intelligence", "The government will invest in compute, skills and regu-", "lation so that trustworthy AI can grow."],
                ["The strategy sets out three pillars for the next decade.", "Each pillar has measurable targets and an annual review."],
                ["Progress will be reported to parliament every year.", "The first report is due in the spring."],
            ],
            header: "Ministry of Digital Affairs - AI Strategy 2024",
            footer: page => $"Page {page} of 3");

        var cleaned = DocumentCleaner.Clean(pdf, "strategy.pdf");

        Assert.Equal(SourceFormat.Pdf, cleaned.Format);
        Assert.DoesNotContain("Ministry of Digital Affairs", cleaned.CleanText, StringComparison.Ordinal);
        Assert.DoesNotContain("Page 2 of 3", cleaned.CleanText, StringComparison.Ordinal);
        Assert.Contains("skills and regulation so that trustworthy AI can grow.", cleaned.CleanText, StringComparison.Ordinal);
        Assert.Contains("The first report is due in the spring.", cleaned.CleanText, StringComparison.Ordinal);
        Assert.Contains(cleaned.Removed, block => block.Label == "page-furniture" && block.Text.Contains("Ministry of Digital Affairs", StringComparison.Ordinal));
    }

    [Fact]
    public void Pdf_without_text_layer_is_unreadable_with_no_text()
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(595, 842);
        page.DrawRectangle(new PdfPoint(50, 50), 300, 400, 2, fill: true);
        var exception = Assert.Throws<UnreadableDocumentException>(() => DocumentCleaner.Clean(builder.Build(), "scan.pdf"));

        Assert.Equal(UnreadableReasons.NoText, exception.Reason);
        Assert.StartsWith("no_text: ", exception.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<FormatException>(exception);
    }

    [Theory]
    [InlineData("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\ngarbage without end")]
    [InlineData("%PDF-1.4\n")]
    public void Corrupt_pdf_is_unreadable_not_a_crash(string content)
    {
        var exception = Assert.Throws<UnreadableDocumentException>(() => DocumentCleaner.Clean(Encoding.ASCII.GetBytes(content), "broken.pdf"));
        Assert.Contains(exception.Reason, new[] { UnreadableReasons.Malformed, UnreadableReasons.NoText });
    }

    [Fact]
    public void Encrypted_pdf_is_unreadable()
    {
        // A PDF whose trailer names an /Encrypt dictionary with an unknown security handler: no reader can open it.
        var pdf = Encoding.ASCII.GetString(BuildPdf([["Secret text of the encrypted document."]], null, null));
        var trailer = pdf.LastIndexOf("trailer", StringComparison.Ordinal);
        var dictionaryStart = pdf.IndexOf("<<", trailer, StringComparison.Ordinal);
        var encrypted = pdf[..(dictionaryStart + 2)] + " /Encrypt << /Filter /Vendor.Secret /V 5 /R 6 /O (x) /U (y) /P -4 >> " + pdf[(dictionaryStart + 2)..];

        var exception = Assert.Throws<UnreadableDocumentException>(() => DocumentCleaner.Clean(Encoding.ASCII.GetBytes(encrypted), "secret.pdf"));
        Assert.Contains(exception.Reason, new[] { UnreadableReasons.Encrypted, UnreadableReasons.Malformed });
    }

    internal static byte[] BuildPdf(string[][] pages, string? header, Func<int, string>? footer)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var number = 1; number <= pages.Length; number++)
        {
            var page = builder.AddPage(595, 842);
            if (header is not null)
            {
                page.AddText(header, 9, new PdfPoint(60, 800), font);
            }

            var y = 740.0;
            foreach (var line in pages[number - 1])
            {
                page.AddText(line, 12, new PdfPoint(60, y), font);
                y -= 16;
            }

            if (footer is not null)
            {
                page.AddText(footer(number), 9, new PdfPoint(270, 40), font);
            }
        }

        return builder.Build();
    }
}
