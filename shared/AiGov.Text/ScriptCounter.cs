using System.Text;

namespace AiGov.Text;

/// <summary>The writing systems <see cref="ScriptCounter.Dominant"/> tells apart.</summary>
internal enum WritingScript
{
    None,
    Latin,
    Cjk,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Devanagari,
    Thai,
    Other,
}

/// <summary>Tells which writing system a text is mainly written in.</summary>
internal static class ScriptCounter
{
    /// <summary>The script most of the text's letters are written in, and its share of them. A CJK character
    /// weighs 2 (it carries about as much as a short Latin word), every other letter 1.</summary>
    public static (WritingScript Script, double Share) Dominant(string text)
    {
        Span<int> weights = stackalloc int[(int)WritingScript.Other + 1];
        var total = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var script = ScriptOf(rune);
            if (script == WritingScript.None)
            {
                continue;
            }
            var weight = script == WritingScript.Cjk ? 2 : 1;
            weights[(int)script] += weight;
            total += weight;
        }
        if (total == 0)
        {
            return (WritingScript.None, 0);
        }
        var best = WritingScript.None;
        for (var i = 1; i < weights.Length; i++)
        {
            if (weights[i] > weights[(int)best])
            {
                best = (WritingScript)i;
            }
        }
        return (best, weights[(int)best] / (double)total);
    }

    public static WritingScript ScriptOf(Rune rune)
    {
        var cp = rune.Value;
        if (IsCjk(cp))
        {
            return WritingScript.Cjk;
        }
        if (!Rune.IsLetter(rune))
        {
            return WritingScript.None;
        }
        return cp switch
        {
            < 0x0250 or (>= 0x1E00 and <= 0x1EFF) => WritingScript.Latin,
            >= 0x0370 and <= 0x03FF or (>= 0x1F00 and <= 0x1FFF) => WritingScript.Greek,
            >= 0x0400 and <= 0x052F => WritingScript.Cyrillic,
            >= 0x0590 and <= 0x05FF => WritingScript.Hebrew,
            >= 0x0600 and <= 0x06FF or (>= 0x0750 and <= 0x077F) or (>= 0xFB50 and <= 0xFEFF) => WritingScript.Arabic,
            >= 0x0900 and <= 0x097F => WritingScript.Devanagari,
            >= 0x0E00 and <= 0x0E7F => WritingScript.Thai,
            _ => WritingScript.Other,
        };
    }

    public static bool IsCjk(int codePoint) =>
        codePoint is (>= 0x3040 and <= 0x30FF) // Hiragana, Katakana
            or (>= 0xAC00 and <= 0xD7AF) // Hangul syllables
        || IsHan(codePoint);

    /// <summary>Han ideographs: CJK Unified Ideographs, Extension A, Compatibility Ideographs, Extensions B-F.</summary>
    public static bool IsHan(int codePoint) =>
        codePoint is (>= 0x3400 and <= 0x4DBF) // CJK Extension A
            or (>= 0x4E00 and <= 0x9FFF) // CJK Unified Ideographs
            or (>= 0xF900 and <= 0xFAFF) // CJK Compatibility Ideographs
            or (>= 0x20000 and <= 0x2FA1F); // CJK Extensions B-F and supplements
}
