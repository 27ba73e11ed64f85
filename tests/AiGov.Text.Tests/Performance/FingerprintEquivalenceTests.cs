using System.Globalization;
using System.Text;

namespace AiGov.Text.Tests.Performance;

/// <summary>The single-pass <see cref="ContentFingerprint.NormalizeForHash"/> must equal the rune-by-rune definition it replaced.</summary>
public class FingerprintEquivalenceTests
{
    [Theory]
    [InlineData("")]
    [InlineData("Plain ASCII, with Punctuation! And   spaces.\n\nNew paragraph.")]
    [InlineData("China’s “AI” plan — ﬁnal ＡＢＣ café\u00A0x")]
    [InlineData("İstanbul KELVIN \u212A Σίσυφος ΣΑΣ")]
    [InlineData("emoji 😀 ok, 𝐀𝐁 math bold")]
    [InlineData("lone \uD800 high and \uDC00 low")]
    [InlineData("  \t leading and trailing \u3000")]
    [InlineData("zero\u200Bwidth soft\u00ADhyphen ctrl\u0007")]
    public void Equals_the_reference(string text)
    {
        Assert.Equal(Reference(text), ContentFingerprint.NormalizeForHash(text));
    }

    [Fact]
    public void Equals_the_reference_on_the_seeds_and_random_text()
    {
        foreach (var path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seeds"), "*.txt"))
        {
            var text = File.ReadAllText(path);
            Assert.Equal(Reference(text), ContentFingerprint.NormalizeForHash(text));
        }

        var random = new Random(7);
        var alphabet = "aZ9 \t\n.,-’“”é\u0301ﬁＡ中。\u00A0\u200B😀\uD800\uDC00İΣ$^".ToCharArray();
        for (var n = 0; n < 3000; n++)
        {
            var builder = new StringBuilder();
            var length = random.Next(0, 25);
            for (var i = 0; i < length; i++)
            {
                builder.Append(alphabet[random.Next(alphabet.Length)]);
            }

            var text = builder.ToString();
            Assert.Equal(Reference(text), ContentFingerprint.NormalizeForHash(text));
        }
    }

    /// <summary>The previous implementation: NFKC, lower case, then rune by rune.</summary>
    private static string Reference(string cleanText)
    {
        var valid = new StringBuilder();
        foreach (var rune in cleanText.EnumerateRunes())
        {
            valid.Append(rune.ToString());
        }

        var folded = valid.ToString().Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var builder = new StringBuilder(folded.Length);
        var pendingSpace = false;
        foreach (var rune in folded.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
                or UnicodeCategory.OtherPunctuation or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol
                or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol or UnicodeCategory.Format or UnicodeCategory.Control)
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }
}
