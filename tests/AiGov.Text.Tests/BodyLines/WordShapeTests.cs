using AiGov.Text.BodyLines;

namespace AiGov.Text.Tests.BodyLines;

public class WordShapeTests
{
    [Theory]
    [InlineData("If you enjoyed this post, subscribe to our newsletter.", 2)]
    [InlineData("You can follow us on social media.", 2)]
    [InlineData("The US and the U.S. Army said so.", 0)]
    [InlineData("Abonnieren Sie unseren Newsletter.", 2)]
    [InlineData("Die Minister sagten, sie seien zufrieden.", 0)]
    [InlineData("Suscríbete a nuestra newsletter.", 1)]
    [InlineData("Abonnez-vous à notre lettre.", 2)]
    public void Counts_the_words_that_address_the_reader(string line, int expected)
    {
        Assert.Equal(expected, WordShape.Of(line).ReaderAddress);
    }

    [Fact]
    public void Counts_words_capitals_digits_and_commas()
    {
        var shape = WordShape.Of("Home, News, Sport: 3 of 12 don't");

        Assert.Equal((5, 3, 3, 2, false), (shape.Words, shape.Capitalised, shape.Digits, shape.Commas, shape.LinkLike));
    }

    [Theory]
    [InlineData("Write to letters@example.org")]
    [InlineData("More at https://example.org/x")]
    [InlineData("Visit www.example.de today")]
    public void A_line_with_an_address_or_a_link_is_link_like(string line)
    {
        Assert.True(WordShape.Of(line).LinkLike);
    }
}
