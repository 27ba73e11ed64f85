namespace AiGov.Text.Tests.Performance;

/// <summary>The normaliser writes into one pooled buffer: the cases that make the output longer or equal to the input.</summary>
public class TextNormalizerBufferTests
{
    [Theory]
    [InlineData("a\u2029b\u2029c", "a\n\nb\n\nc")]
    [InlineData("\u2029\u2029x\u2029", "x")]
    [InlineData("x\u2029\u2029\u2029y", "x\n\ny")]
    [InlineData("a \u2029 b", "a\n\nb")]
    public void Output_longer_than_or_as_long_as_input(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(input));
    }

    [Fact]
    public void Surrogate_pairs_stay_and_lone_surrogates_become_replacement_characters()
    {
        Assert.Equal("pair \uD83D\uDE00 lone \uFFFD end", TextNormalizer.Normalize("pair \uD83D\uDE00 lone \uDC00 end"));
    }

    [Fact]
    public void Already_normalised_text_comes_back_unchanged()
    {
        const string text = "Title\n\nFirst paragraph.\nSame paragraph.\n\nSecond.";
        Assert.Same(text, TextNormalizer.Normalize(text));
    }
}
