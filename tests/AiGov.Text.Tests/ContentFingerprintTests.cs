using System.Text;

namespace AiGov.Text.Tests;

public class ContentFingerprintTests
{
    [Theory]
    [InlineData("Hello, World!", "hello world")]
    [InlineData("  China’s   AI\tplan —\n\nfor “everyone”.  ", "chinas ai plan for everyone")]
    [InlineData("ＦＵＬＬ－ＷＩＤＴＨ　ＡＩ", "fullwidth ai")]
    [InlineData("$109.1 billion (12%) + €5 = ★", "1091 billion 12 5")]
    [InlineData("中国提出全球人工智能治理行动计划，呼吁加强国际合作。", "中国提出全球人工智能治理行动计划呼吁加强国际合作")]
    [InlineData("zero\u200Bwidth non\u00A0breaking", "zerowidth non breaking")]
    [InlineData("ﬁnance ① Ⅻ", "finance 1 xii")]
    [InlineData("emoji 🤖 robot", "emoji robot")]
    [InlineData("...", "")]
    public void NormalizeForHash_known_outputs(string input, string expected)
    {
        Assert.Equal(expected, ContentFingerprint.NormalizeForHash(input));
    }

    [Fact]
    public void Sha256Hex_of_bytes_matches_known_vector()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ContentFingerprint.Sha256Hex("abc"u8));
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ContentFingerprint.Sha256Hex(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void Sha256Hex_of_text_hashes_the_normalized_key()
    {
        // "ABC!" normalises to "abc".
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ContentFingerprint.Sha256Hex("ABC!"));
        Assert.Equal(ContentFingerprint.Sha256Hex(Encoding.UTF8.GetBytes("hello world")), ContentFingerprint.Sha256Hex("Hello,   World!"));
    }

    [Fact]
    public void Different_words_give_different_hashes()
    {
        Assert.NotEqual(ContentFingerprint.Sha256Hex("China proposes a plan."), ContentFingerprint.Sha256Hex("China proposed a plan."));
    }

    [Fact]
    public void Hash_is_lowercase_hex_of_64_chars()
    {
        var hash = ContentFingerprint.Sha256Hex("anything");
        Assert.Matches("^[0-9a-f]{64}$", hash);
    }
}
