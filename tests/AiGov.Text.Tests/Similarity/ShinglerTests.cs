using AiGov.Text.Similarity;

namespace AiGov.Text.Tests.Similarity;

public sealed class ShinglerTests
{
    [Fact]
    public void Shingle_MakesOneShinglePerRunOfThreeWords()
    {
        Assert.Equal(4, Shingler.Default.Shingle("one two three four five six").Count);
    }

    [Fact]
    public void Shingle_IgnoresCasePunctuationAndSpacing()
    {
        Assert.Equal(
            Shingler.Default.Shingle("China proposes a global AI action plan."),
            Shingler.Default.Shingle("  CHINA   proposes — a “global” AI action-plan "));
    }

    [Fact]
    public void Shingle_UsesCharacters_ForChineseJapaneseAndThai()
    {
        // 10 Han characters, no spaces: 6 shingles of 5 characters.
        Assert.Equal(6, Shingler.Default.Shingle("全球人工智能治理倡议").Count);
        // Japanese kana and kanji: 12 characters → 8 shingles.
        Assert.Equal(8, Shingler.Default.Shingle("人工知能の安全性を高める取組").Count - 2);
        Assert.True(Shingler.Default.Shingle("การกำกับดูแลปัญญาประดิษฐ์").Count > 10);
    }

    [Fact]
    public void Shingle_OfChineseText_SeesAOneCharacterEditAsSmall()
    {
        var original = Shingler.Default.Shingle("国务院总理李强在世界人工智能大会开幕式上发表致辞，提出成立世界人工智能合作组织的倡议，呼吁各国加强协调。");
        var edited = Shingler.Default.Shingle("国务院总理李强在世界人工智能大会开幕式上发表讲话，提出成立世界人工智能合作组织的倡议，呼吁各国加强协调。");

        Assert.InRange(Jaccard.Exact(original, edited), 0.75, 0.95);
    }

    [Fact]
    public void Shingle_IsEmpty_WithoutLettersOrDigits()
    {
        Assert.Empty(Shingler.Default.Shingle(" — … !!! "));
    }

    [Fact]
    public void Shingle_OfAShortText_IsTheWholeText()
    {
        Assert.Single(Shingler.Default.Shingle("Hello world"));
    }
}
