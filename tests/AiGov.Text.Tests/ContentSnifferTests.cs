using System.Text;

namespace AiGov.Text.Tests;

public class ContentSnifferTests
{
    [Fact]
    public void Png_is_binary()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];
        Assert.True(ContentSniffer.LooksBinary(png));
    }

    [Fact]
    public void Pdf_is_binary_even_though_it_starts_with_ascii()
    {
        Assert.True(ContentSniffer.LooksBinary("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>"u8));
    }

    [Fact]
    public void Zip_is_binary()
    {
        Assert.True(ContentSniffer.LooksBinary([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10 })] // JPEG
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01 })] // GIF89a
    [InlineData(new byte[] { 0x1F, 0x8B, 0x08, 0x00 })] // gzip
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01 })] // ELF
    public void Other_magic_numbers_are_binary(byte[] content)
    {
        Assert.True(ContentSniffer.LooksBinary(content));
    }

    [Fact]
    public void Random_bytes_with_nul_are_binary()
    {
        var random = new Random(42);
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        bytes[100] = 0;
        Assert.True(ContentSniffer.LooksBinary(bytes));
    }

    [Fact]
    public void Many_control_characters_without_nul_are_binary()
    {
        var bytes = Enumerable.Range(0, 1000).Select(i => (byte)(i % 3 == 0 ? 0x01 : 'a')).ToArray();
        Assert.True(ContentSniffer.LooksBinary(bytes));
    }

    [Fact]
    public void Utf8_text_is_not_binary()
    {
        Assert.False(ContentSniffer.LooksBinary(Encoding.UTF8.GetBytes("China’s AI plan 人工智能\r\n\tIndented\fpage\u001b[0m")));
    }

    [Fact]
    public void Utf8_text_with_bom_is_not_binary()
    {
        Assert.False(ContentSniffer.LooksBinary([0xEF, 0xBB, 0xBF, .. "Hello"u8]));
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32")]
    [InlineData("utf-32BE")]
    public void Utf16_and_utf32_text_with_bom_is_not_binary(string encodingName)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes("Plain English text with NUL bytes in its encoding.")).ToArray();
        Assert.Contains((byte)0, bytes);
        Assert.False(ContentSniffer.LooksBinary(bytes));
    }

    [Fact]
    public void Empty_content_is_not_binary()
    {
        Assert.False(ContentSniffer.LooksBinary([]));
    }
}
