using System.Text;

namespace AiGov.Text;

/// <summary>Counts Latin letters against CJK characters to tell which script a text is mainly written in.</summary>
internal static class ScriptCounter
{
    // A CJK character carries about as much as a short Latin word, hence the factor 2.
    public static bool IsMostlyCjk(string text)
    {
        var (latin, cjk) = Count(text);
        return cjk > 0 && cjk * 2 >= latin;
    }

    public static (int Latin, int Cjk) Count(string text)
    {
        var latin = 0;
        var cjk = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsCjk(rune.Value))
            {
                cjk++;
            }
            else if (rune.Value < 0x0250 && Rune.IsLetter(rune))
            {
                latin++;
            }
        }

        return (latin, cjk);
    }

    public static bool IsCjk(int codePoint) =>
        codePoint is (>= 0x3040 and <= 0x30FF) // Hiragana, Katakana
            or (>= 0x3400 and <= 0x4DBF) // CJK Extension A
            or (>= 0x4E00 and <= 0x9FFF) // CJK Unified Ideographs
            or (>= 0xAC00 and <= 0xD7AF) // Hangul syllables
            or (>= 0xF900 and <= 0xFAFF) // CJK Compatibility Ideographs
            or (>= 0x20000 and <= 0x2FA1F); // CJK Extensions B-F and supplements
}
