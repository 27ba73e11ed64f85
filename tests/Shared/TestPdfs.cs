using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace AiGov.Tests.Shared;

/// <summary>Small PDFs built in code for the tests: a page drawn by a content stream of text operators.</summary>
public static class TestPdfs
{
    /// <summary>Content that writes <paramref name="lines"/> one under the other in 12 pt Helvetica.</summary>
    public static string TextLines(params string[] lines)
    {
        var content = new StringBuilder("BT /F1 12 Tf 72 760 Td 14 TL\n");
        foreach (var line in lines)
        {
            content.Append('(').Append(line).Append(") Tj T*\n");
        }
        return content.Append("ET\n").ToString();
    }

    /// <summary>Content that writes <paramref name="columns"/> × <paramref name="rows"/> short words in 2 pt type over
    /// the page: cheap to parse, seconds of PdfPig's block layout (Docstrum) for 40,000 words.</summary>
    public static string WordGrid(int columns, int rows)
    {
        string[] words = ["ai", "law", "eu", "act", "data", "risk"];
        var content = new StringBuilder("BT /F1 2 Tf\n");
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                content.Append(CultureInfo.InvariantCulture, $"1 0 0 1 {5 + (column * 585.0 / columns):0.00} {5 + (row * 830.0 / rows):0.00} Tm ({words[(row + column) % words.Length]}) Tj\n");
            }
        }
        return content.Append("ET\n").ToString();
    }

    /// <summary>A one-page PDF drawn by <paramref name="content"/> (Flate-compressed).</summary>
    public static byte[] OnePagePdf(string content)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(Encoding.ASCII.GetBytes(content));
        }
        return PdfWithContentStreams(compressed.ToArray());
    }

    /// <summary>A one-page PDF whose page is drawn by <paramref name="streams"/> (Flate-compressed), with a correct
    /// cross-reference table.</summary>
    public static byte[] PdfWithContentStreams(params byte[][] streams)
    {
        using var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Write(string s) => pdf.Write(Encoding.ASCII.GetBytes(s));
        void Object(string body)
        {
            offsets.Add(pdf.Position);
            Write($"{offsets.Count} 0 obj\n{body}\nendobj\n");
        }

        Write("%PDF-1.4\n");
        var contents = string.Join(' ', streams.Select((_, i) => $"{5 + i} 0 R"));
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [{contents}] /Resources << /Font << /F1 4 0 R >> >> >>");
        Object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        foreach (var stream in streams)
        {
            offsets.Add(pdf.Position);
            Write($"{offsets.Count} 0 obj\n<< /Length {stream.Length} /Filter /FlateDecode >>\nstream\n");
            pdf.Write(stream);
            Write("\nendstream\nendobj\n");
        }
        var xref = pdf.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write(offset.ToString("D10", CultureInfo.InvariantCulture) + " 00000 n \n");
        }
        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }
}
