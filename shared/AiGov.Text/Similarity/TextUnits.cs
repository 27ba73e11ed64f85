using System.Globalization;
using System.Text;

namespace AiGov.Text.Similarity;

/// <summary>Splits text into the units shingles are made of: a word in scripts that separate words with spaces, a
/// single character in Chinese, Japanese, Thai, Lao, Khmer and Myanmar, which do not.</summary>
public static class TextUnits
{
    /// <summary>Units of NFKC-folded, lower-cased text; punctuation, symbols and spaces only separate units.</summary>
    public static IReadOnlyList<TextUnit> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var units = new List<TextUnit>();
        var word = new StringBuilder();
        foreach (var rune in folded.EnumerateRunes())
        {
            if (!IsWordRune(rune))
            {
                Flush(word, units);
                continue;
            }
            if (IsUnspacedScript(rune.Value))
            {
                Flush(word, units);
                units.Add(new TextUnit(rune.ToString(), IsCharacter: true));
                continue;
            }
            word.Append(rune.ToString());
        }
        Flush(word, units);
        return units;
    }

    /// <summary>Han, kana, Thai, Lao, Khmer, Myanmar: scripts written without spaces between words.</summary>
    public static bool IsUnspacedScript(int codePoint) => codePoint switch
    {
        >= 0x0E00 and <= 0x0EFF => true, // Thai, Lao
        >= 0x1000 and <= 0x109F => true, // Myanmar
        >= 0x1780 and <= 0x17FF => true, // Khmer
        >= 0x3040 and <= 0x30FF => true, // Hiragana, Katakana
        >= 0x31F0 and <= 0x31FF => true, // Katakana extensions
        >= 0x3400 and <= 0x4DBF => true, // CJK extension A
        >= 0x4E00 and <= 0x9FFF => true, // CJK unified ideographs
        >= 0xF900 and <= 0xFAFF => true, // CJK compatibility ideographs
        >= 0x20000 and <= 0x3FFFF => true, // CJK extensions B and later
        _ => false,
    };

    private static bool IsWordRune(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        // Thai and Indic vowel signs are marks; dropping them would merge different words.
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        _ => false,
    };

    private static void Flush(StringBuilder word, List<TextUnit> units)
    {
        if (word.Length > 0)
        {
            units.Add(new TextUnit(word.ToString(), IsCharacter: false));
            word.Clear();
        }
    }
}

/// <summary>A word, or one character of a script written without spaces.</summary>
public readonly record struct TextUnit(string Text, bool IsCharacter);
