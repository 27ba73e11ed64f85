using System.Text;

namespace AiGov.Text.Tests;

public class SourceFormatsTests
{
    [Theory]
    [InlineData("a.txt", SourceFormat.PlainText)]
    [InlineData("A.TXT", SourceFormat.PlainText)]
    [InlineData("notes.text", SourceFormat.PlainText)]
    [InlineData("readme.md", SourceFormat.Markdown)]
    [InlineData("Readme.Markdown", SourceFormat.Markdown)]
    [InlineData("page.html", SourceFormat.Html)]
    [InlineData("page.HTM", SourceFormat.Html)]
    [InlineData("dir/sub/page.xhtml", SourceFormat.Html)]
    [InlineData("resolution.pdf", SourceFormat.Pdf)]
    [InlineData("Strategy.DOCX", SourceFormat.Docx)]
    public void FromFileName_maps_supported_extensions(string fileName, SourceFormat expected)
    {
        Assert.Equal(expected, SourceFormats.FromFileName(fileName));
    }

    [Theory]
    [InlineData("README")]
    [InlineData("slides.pptx")]
    [InlineData("data.log")]
    [InlineData("archive.tar.gz")]
    public void FromFileName_returns_null_for_missing_or_unsupported_extension(string fileName)
    {
        Assert.Null(SourceFormats.FromFileName(fileName));
    }

    [Theory]
    [InlineData(SourceFormat.Pdf, true)]
    [InlineData(SourceFormat.Docx, true)]
    [InlineData(SourceFormat.PlainText, false)]
    [InlineData(SourceFormat.Markdown, false)]
    [InlineData(SourceFormat.Html, false)]
    public void IsBinaryFormat_is_true_only_for_pdf_and_docx(SourceFormat format, bool expected)
    {
        Assert.Equal(expected, SourceFormats.IsBinaryFormat(format));
    }

    [Fact]
    public void HasNoExtension_distinguishes_sniffable_names()
    {
        Assert.True(SourceFormats.HasNoExtension("README"));
        Assert.False(SourceFormats.HasNoExtension("report.pdf"));
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body>x</body></html>")]
    [InlineData("  \n<html lang=\"en\"><p>x</p></html>")]
    [InlineData("<head><title>t</title></head>")]
    [InlineData("<BODY>text</BODY>")]
    [InlineData("<!-- saved page --><!doctype html><p>x</p>")]
    [InlineData("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"></html>")]
    public void Sniff_detects_html(string start)
    {
        Assert.Equal(SourceFormat.Html, SourceFormats.Sniff(Encoding.UTF8.GetBytes(start)));
    }

    [Theory]
    [InlineData("Plain title\n\nSome <b>bold</b> text.")]
    [InlineData("<htmlish> is not a tag we know")]
    [InlineData("")]
    [InlineData("# Markdown heading")]
    public void Sniff_defaults_to_plain_text(string start)
    {
        Assert.Equal(SourceFormat.PlainText, SourceFormats.Sniff(Encoding.UTF8.GetBytes(start)));
    }

    [Fact]
    public void Sniff_decodes_utf16_with_bom()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<!doctype html><p>x</p>")).ToArray();
        Assert.Equal(SourceFormat.Html, SourceFormats.Sniff(bytes));
    }
}
