using System.Text;

namespace AiGov.LanguageDetector;

public enum Script
{
    Other,
    Latin,
    Han,
    Kana,
    Hangul,
    Cyrillic,
    Arabic,
    Greek,
    Hebrew,
    Devanagari,
    Thai,
    Bengali,
    Tamil,
    Telugu,
    Gujarati,
    Gurmukhi,
    Armenian,
    Georgian,
}

/// <summary>Counts the letters of a text by writing system; the vowel signs of scripts that write vowels as combining
/// marks (Devanagari, Bengali, Thai, ...) count as letters.</summary>
public sealed class ScriptHistogram
{
    private static readonly Script[] s_scripts = Enum.GetValues<Script>();

    private readonly int[] _counts = new int[s_scripts.Length];

    public int LetterCount { get; private set; }

    public int this[Script script] => _counts[(int)script];

    public static ScriptHistogram Of(ReadOnlySpan<char> text)
    {
        var histogram = new ScriptHistogram();
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetter(rune))
            {
                histogram._counts[(int)Classify(rune.Value)]++;
                histogram.LetterCount++;
            }
            else if (IsCombiningMark(Rune.GetUnicodeCategory(rune)) && Classify(rune.Value) is var script and not Script.Other)
            {
                // Devanagari, Bengali, Thai, ... write most vowels as combining signs: without them a Hindi word
                // weighs half an English one of the same length.
                histogram._counts[(int)script]++;
                histogram.LetterCount++;
            }
        }
        return histogram;
    }

    /// <summary>The script with the most weight: about the number of words written in it. A CJK character carries
    /// about as much text as a short word, so it weighs three Latin letters: an English article quoting a few Chinese
    /// words stays Latin. Arabic and Hebrew leave out most vowels, so a word has fewer letters: each weighs one and a
    /// half, and an Urdu sentence after an English site name stays Urdu.</summary>
    public (Script Script, double Share) Dominant()
    {
        double total = 0;
        var best = Script.Other;
        double bestWeight = 0;
        foreach (var script in s_scripts)
        {
            double weight = Weight(script) * _counts[(int)script];
            total += weight;
            if (weight > bestWeight)
            {
                best = script;
                bestWeight = weight;
            }
        }
        // Japanese is Han plus kana: judged together against the rest.
        if (best is Script.Han or Script.Kana)
        {
            bestWeight = Weight(Script.Han) * (_counts[(int)Script.Han] + _counts[(int)Script.Kana]);
        }
        return total == 0 ? (Script.Other, 0) : (best, bestWeight / total);
    }

    /// <summary>How much text a letter of the script carries, against a Latin letter.</summary>
    public static double Weight(Script script) => script switch
    {
        Script.Han or Script.Kana or Script.Hangul => 3,
        Script.Arabic or Script.Hebrew => 1.5,
        _ => 1,
    };

    /// <summary>A combining mark: a vowel sign of an abugida, a virama, Arabic harakat, a Latin accent written apart.</summary>
    internal static bool IsCombiningMark(System.Globalization.UnicodeCategory category) =>
        category is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    private static Script Classify(int c) => c switch
    {
        <= 0x024F => Script.Latin,
        >= 0x1E00 and <= 0x1EFF => Script.Latin,
        >= 0xFF21 and <= 0xFF5A => Script.Latin,
        >= 0x0370 and <= 0x03FF => Script.Greek,
        >= 0x1F00 and <= 0x1FFF => Script.Greek,
        >= 0x0400 and <= 0x052F => Script.Cyrillic,
        >= 0x0530 and <= 0x058F => Script.Armenian,
        >= 0x0590 and <= 0x05FF => Script.Hebrew,
        >= 0x0600 and <= 0x06FF => Script.Arabic,
        >= 0x0750 and <= 0x077F => Script.Arabic,
        >= 0x08A0 and <= 0x08FF => Script.Arabic,
        >= 0xFB50 and <= 0xFDFF => Script.Arabic,
        >= 0xFE70 and <= 0xFEFF => Script.Arabic,
        >= 0x0900 and <= 0x097F => Script.Devanagari,
        >= 0x0980 and <= 0x09FF => Script.Bengali,
        >= 0x0A00 and <= 0x0A7F => Script.Gurmukhi,
        >= 0x0A80 and <= 0x0AFF => Script.Gujarati,
        >= 0x0B80 and <= 0x0BFF => Script.Tamil,
        >= 0x0C00 and <= 0x0C7F => Script.Telugu,
        >= 0x0E00 and <= 0x0E7F => Script.Thai,
        >= 0x10A0 and <= 0x10FF => Script.Georgian,
        >= 0x1100 and <= 0x11FF => Script.Hangul,
        >= 0x3130 and <= 0x318F => Script.Hangul,
        >= 0xAC00 and <= 0xD7AF => Script.Hangul,
        >= 0x3040 and <= 0x30FF => Script.Kana,
        >= 0x31F0 and <= 0x31FF => Script.Kana,
        >= 0xFF66 and <= 0xFF9F => Script.Kana,
        >= 0x3400 and <= 0x4DBF => Script.Han,
        >= 0x4E00 and <= 0x9FFF => Script.Han,
        >= 0xF900 and <= 0xFAFF => Script.Han,
        >= 0x20000 and <= 0x3134F => Script.Han,
        _ => Script.Other,
    };
}
