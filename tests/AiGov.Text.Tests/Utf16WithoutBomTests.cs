using System.Text;

namespace AiGov.Text.Tests;

public sealed class Utf16WithoutBomTests
{
    private const string Sample = "The EU AI Act sets transparency duties for general-purpose models.\nCafé résumé, naïve façade.";

    [Theory]
    [InlineData(false, "utf-16le")]
    [InlineData(true, "utf-16be")]
    public void Decode_ReadsUtf16WithoutBom_AsText(bool bigEndian, string expectedName)
    {
        var bytes = new UnicodeEncoding(bigEndian, byteOrderMark: false).GetBytes(Sample);

        var decoded = TextDecoder.Decode(bytes);

        Assert.Equal(Sample, decoded.Text);
        Assert.Equal(expectedName, decoded.EncodingName);
        Assert.False(decoded.HadBom);
        Assert.False(ContentSniffer.LooksBinary(bytes));
    }

    [Fact]
    public void LooksBinary_StaysTrue_ForZeroPaddedBinaryThatIsNotText()
    {
        // Little-endian 16-bit integers: zeros at the odd positions, but control characters when read as UTF-16.
        var bytes = Enumerable.Range(0, 400).SelectMany(i => new[] { (byte)(i % 32), (byte)0 }).ToArray();

        Assert.True(ContentSniffer.LooksBinary(bytes));
    }

    [Fact]
    public void Decode_KeepsUtf8_WhenTextHasNoZeroBytes()
    {
        var bytes = Encoding.UTF8.GetBytes(Sample);

        Assert.Equal("utf-8", TextDecoder.Decode(bytes).EncodingName);
    }
}
