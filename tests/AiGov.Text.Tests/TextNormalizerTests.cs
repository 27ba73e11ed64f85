namespace AiGov.Text.Tests;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("a\r\nb\rc\nd", "a\nb\nc\nd")]
    [InlineData("  lots   of \t\t spaces  ", "lots of spaces")]
    [InlineData("zero\u200Bwidth\u200C\u200D\u2060\uFEFF soft\u00ADhyphen", "zerowidth softhyphen")]
    [InlineData("non\u00A0breaking\u2003em\u202Fnarrow\u3000ideographic", "non breaking em narrow ideographic")]
    [InlineData("para one\n\n\n\n\npara two", "para one\n\npara two")]
    [InlineData("para one\n  \n \t \npara two", "para one\n\npara two")]
    [InlineData("line one\nline two\n\npara two", "line one\nline two\n\npara two")]
    [InlineData("\n\n  padded  \n\n", "padded")]
    [InlineData("", "")]
    [InlineData("bell\u0007 and form\ffeed", "bell and form\nfeed")]
    public void Normalize_produces_canonical_whitespace(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(input));
    }

    [Fact]
    public void Normalize_composes_to_nfc()
    {
        var decomposed = "cafe\u0301";
        var result = TextNormalizer.Normalize(decomposed);
        Assert.Equal("caf\u00E9", result);
        Assert.Equal(4, result.Length);
    }

    [Fact]
    public void Normalize_keeps_paragraphs_separated_by_one_blank_line()
    {
        var result = TextNormalizer.Normalize("Title\r\n\r\n\r\nFirst  paragraph.\r\nSame paragraph.\r\n\r\nSecond.");
        Assert.Equal("Title\n\nFirst paragraph.\nSame paragraph.\n\nSecond.", result);
    }

    [Fact]
    public void Normalize_replaces_lone_surrogates_instead_of_throwing()
    {
        Assert.Equal("a\uFFFDb", TextNormalizer.Normalize("a\uD800b"));
    }
}
