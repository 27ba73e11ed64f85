using System.Text;

namespace AiGov.Text.Tests;

public class TextDecoderTests
{
    private const string Chinese = "中国提出全球人工智能治理行动计划，呼吁加强国际合作。";

    static TextDecoderTests()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    [Fact]
    public void Plain_utf8_is_decoded_strictly()
    {
        var decoded = TextDecoder.Decode(Encoding.UTF8.GetBytes("China’s AI 人工智能"));
        Assert.Equal(new DecodedText("China’s AI 人工智能", "utf-8", false), decoded);
    }

    [Fact]
    public void Utf8_bom_is_removed()
    {
        var decoded = TextDecoder.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("café")]);
        Assert.Equal(new DecodedText("café", "utf-8", true), decoded);
    }

    [Fact]
    public void Utf16_le_with_bom_decodes()
    {
        var bytes = new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes("AI governance 治理")).ToArray();
        Assert.Equal(new DecodedText("AI governance 治理", "utf-16le", true), TextDecoder.Decode(bytes));
    }

    [Fact]
    public void Utf16_be_with_bom_decodes()
    {
        var bytes = new byte[] { 0xFE, 0xFF }.Concat(Encoding.BigEndianUnicode.GetBytes("AI governance 治理")).ToArray();
        Assert.Equal(new DecodedText("AI governance 治理", "utf-16be", true), TextDecoder.Decode(bytes));
    }

    [Fact]
    public void Utf32_le_and_be_with_bom_decode()
    {
        var le = new UTF32Encoding(false, true);
        var be = new UTF32Encoding(true, true);
        Assert.Equal(new DecodedText("Zürich 🤖", "utf-32le", true), TextDecoder.Decode(le.GetPreamble().Concat(le.GetBytes("Zürich 🤖")).ToArray()));
        Assert.Equal(new DecodedText("Zürich 🤖", "utf-32be", true), TextDecoder.Decode(be.GetPreamble().Concat(be.GetBytes("Zürich 🤖")).ToArray()));
    }

    [Fact]
    public void Gb18030_chinese_is_detected()
    {
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(Chinese);
        var decoded = TextDecoder.Decode(bytes);
        Assert.Equal(Chinese, decoded.Text);
        Assert.Equal("gb18030", decoded.EncodingName);
        Assert.False(decoded.HadBom);
    }

    [Fact]
    public void Short_gb18030_text_is_not_mistaken_for_greek()
    {
        Assert.Equal("人工智能", TextDecoder.Decode(Encoding.GetEncoding("GB18030").GetBytes("人工智能")).Text);
    }

    [Fact]
    public void Windows1252_without_bom_decodes()
    {
        var bytes = Encoding.GetEncoding(1252).GetBytes("café résumé");
        Assert.Equal(new byte[] { 0x63, 0x61, 0x66, 0xE9, 0x20, 0x72, 0xE9, 0x73, 0x75, 0x6D, 0xE9 }, bytes);
        Assert.Equal(new DecodedText("café résumé", "windows-1252", false), TextDecoder.Decode(bytes));
    }

    [Fact]
    public void Utf8_with_one_damaged_byte_stays_utf8()
    {
        const string polish = "Sprzeciw wobec ataków na Fundację. Kłamliwym atakom sprzeciwiają się też dziennikarze. ";
        var bytes = Encoding.UTF8.GetBytes(polish).Concat(new byte[] { 0xC3, 0x20 }).Concat(Encoding.UTF8.GetBytes(polish)).ToArray();

        var decoded = TextDecoder.Decode(bytes, isHtml: true);

        Assert.Equal("utf-8", decoded.EncodingName);
        Assert.Equal(2, decoded.Text.Split("ataków").Length - 1);
        Assert.DoesNotContain("Ã", decoded.Text);
    }

    [Fact]
    public void Gbk_chinese_is_not_taken_for_damaged_utf8()
    {
        const string chinese = "人工智能治理的国际合作与监管框架正在形成，各国政府发布了新的政策文件。";
        var decoded = TextDecoder.Decode(Encoding.GetEncoding("GB18030").GetBytes(chinese));
        Assert.Equal(chinese, decoded.Text);
    }

    [Fact]
    public void Windows1252_german_is_not_taken_for_chinese()
    {
        var bytes = Encoding.GetEncoding(1252).GetBytes("Müller straße über");
        Assert.Equal("Müller straße über", TextDecoder.Decode(bytes).Text);
    }

    [Fact]
    public void Big5_and_shift_jis_are_detected()
    {
        const string traditional = "人工智慧治理是全球共同的課題，各國應加強合作。";
        const string japanese = "人工知能のガバナンスについて、国際的な協力が必要です。";
        Assert.Equal(traditional, TextDecoder.Decode(Encoding.GetEncoding("big5").GetBytes(traditional)).Text);
        Assert.Equal(japanese, TextDecoder.Decode(Encoding.GetEncoding("shift_jis").GetBytes(japanese)).Text);
    }

    [Fact]
    public void Html_meta_charset_gbk_is_honoured()
    {
        const string html = "<html><head><meta charset=\"gbk\"><title>测试</title></head><body><p>人工智能</p></body></html>";
        var decoded = TextDecoder.Decode(Encoding.GetEncoding("GB18030").GetBytes(html), isHtml: true);
        Assert.Equal(html, decoded.Text);
        Assert.Equal("gb18030", decoded.EncodingName);
    }

    [Fact]
    public void Html_http_equiv_charset_is_honoured()
    {
        const string html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head><body>Привет</body></html>";
        var decoded = TextDecoder.Decode(Encoding.GetEncoding(1251).GetBytes(html), isHtml: true);
        Assert.Equal(html, decoded.Text);
        Assert.Equal("windows-1251", decoded.EncodingName);
    }

    [Fact]
    public void Bom_wins_over_meta_charset()
    {
        const string html = "<meta charset=\"gbk\"><p>é</p>";
        var decoded = TextDecoder.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(html)], isHtml: true);
        Assert.Equal(html, decoded.Text);
        Assert.Equal("utf-8", decoded.EncodingName);
    }
}
