using System.Collections.Concurrent;
using AiGov.Contracts;
using Lingua;

namespace AiGov.LanguageDetector;

/// <summary>Main language of a text: the writing system first (many scripts name their language outright), then
/// Lingua among only the languages written in that script, on a bounded sample of the text. Thread-safe; one
/// instance serves every message.</summary>
public sealed class LanguageIdentifier
{
    public const string Undetermined = "und";

    /// <summary>Fewer letters than this say too little about a language.</summary>
    public const int MinimumLetters = 12;

    /// <summary>Below this confidence the answer is <c>und</c>.</summary>
    public const double MinimumConfidence = 0.3;

    /// <summary>Longer texts are judged on three windows (start, middle, end) of a third of this each.</summary>
    public const int SampleCharacters = 3000;

    private static readonly Dictionary<Script, string> s_scriptOfOneLanguage = new()
    {
        [Script.Hangul] = "ko",
        [Script.Greek] = "el",
        [Script.Hebrew] = "he",
        [Script.Thai] = "th",
        [Script.Bengali] = "bn",
        [Script.Tamil] = "ta",
        [Script.Telugu] = "te",
        [Script.Gujarati] = "gu",
        [Script.Gurmukhi] = "pa",
        [Script.Armenian] = "hy",
        [Script.Georgian] = "ka",
    };

    private readonly ConcurrentDictionary<Script, Lazy<Lingua.LanguageDetector>> _detectors = new();

    public DetectedLanguage Identify(string text)
    {
        var sample = Sample(text);
        var histogram = ScriptHistogram.Of(sample);
        if (histogram.LetterCount < MinimumLetters)
        {
            return Result(Undetermined, 0);
        }

        var (script, share) = histogram.Dominant();
        if (s_scriptOfOneLanguage.TryGetValue(script, out var code))
        {
            return Result(code, share);
        }
        switch (script)
        {
            case Script.Han or Script.Kana:
                // Japanese mixes kana into kanji; Chinese has none.
                var kana = histogram[Script.Kana];
                var isJapanese = kana >= 2 && kana >= 0.05 * (kana + histogram[Script.Han]);
                return Result(isJapanese ? "ja" : "zh", share);
            case Script.Latin or Script.Cyrillic or Script.Arabic or Script.Devanagari:
                var detector = _detectors.GetOrAdd(script, s => new Lazy<Lingua.LanguageDetector>(() => Build(s))).Value;
                var best = detector.ComputeLanguageConfidenceValues(sample).FirstOrDefault();
                var confidence = best.Value * share;
                return best.Value > 0 && confidence >= MinimumConfidence
                    ? Result(LanguageInfo.IsoCode6391(best.Key).ToString().ToLowerInvariant(), confidence)
                    : Result(Undetermined, confidence);
            default:
                return Result(Undetermined, 0);
        }
    }

    private static Lingua.LanguageDetector Build(Script script)
    {
        var builder = script switch
        {
            Script.Cyrillic => LanguageDetectorBuilder.FromAllLanguagesWithCyrillicScript(),
            Script.Arabic => LanguageDetectorBuilder.FromAllLanguagesWithArabicScript(),
            Script.Devanagari => LanguageDetectorBuilder.FromAllLanguagesWithDevangariScript(),
            _ => LanguageDetectorBuilder.FromAllLanguagesWithLatinScript(),
        };
        // Low-accuracy mode (trigrams only) is as good as high accuracy on paragraphs and articles, and a tenth
        // of the memory; the samples given here are long.
        return builder.WithLowAccuracyMode().Build();
    }

    private static string Sample(string text)
    {
        if (text.Length <= SampleCharacters)
        {
            return text;
        }
        var window = SampleCharacters / 3;
        return string.Join('\n',
            Window(text, 0, window),
            Window(text, (text.Length - window) / 2, window),
            Window(text, text.Length - window, window));
    }

    private static string Window(string text, int start, int length)
    {
        // Start and end on white space so no word is cut in half (and no surrogate pair split).
        var from = start == 0 ? 0 : text.IndexOfAny([' ', '\n'], start) is var s and >= 0 ? s + 1 : start;
        var to = Math.Min(text.Length, from + length);
        if (to < text.Length && text.LastIndexOfAny([' ', '\n'], to - 1, to - from) is var e and > 0)
        {
            to = e;
        }
        return text[from..Math.Max(from, to)];
    }

    private static DetectedLanguage Result(string code, double confidence) =>
        new() { Code = code, Confidence = Math.Round(Math.Clamp(confidence, 0, 1), 4) };
}
