using AiGov.Contracts;
using Lingua;

namespace AiGov.LanguageDetector;

/// <summary>The languages of a text: each paragraph's script first (many scripts name their language outright), then,
/// for scripts that several languages share, a trigram model of only that script's languages, and between close
/// relatives (Indonesian/Malay, Danish/Norwegian, ...) a quadrigram model of only those. Short paragraphs are
/// judged together with their neighbours of the same script; adjacent paragraphs in one language become one span.
/// The main language is the one with the most letters. Thread-safe; one instance serves every message.</summary>
public sealed class LanguageIdentifier(ScriptModels models)
{
    public const string Undetermined = "und";

    /// <summary>From this many letters on, a script of one language answers with full confidence; below it the
    /// confidence grows with each letter from one half.</summary>
    public const int MinimumLetters = 12;

    /// <summary>Lingua (~1 ms per sentence) sees at most this much of a block.</summary>
    public const int MaximumLinguaCharacters = 2000;

    /// <summary>The n-gram models score at most this much of a block: a longer one adds nothing to the answer, and no
    /// token is checked inside a block (16 M characters of one paragraph took 1.6 s, past the 2 s a stage may go on
    /// after its limit on a loaded machine).</summary>
    public const int MaximumScoredCharacters = 64 * 1024;

    /// <summary>The longest piece of a Devanagari block given to Lingua at once.</summary>
    public const int LinguaPieceCharacters = 100;

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

    public LanguageIdentifier() : this(new ScriptModels())
    {
    }

    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked between blocks).</exception>
    public DetectedLanguage Identify(string text, CancellationToken cancellationToken = default)
    {
        var paragraphs = TextParagraphs.Of(text);
        if (paragraphs.Count == 0)
        {
            return new DetectedLanguage { Code = Undetermined, Confidence = 0 };
        }

        var blocks = TextBlocks.Of(paragraphs);
        var isJapanese = IsJapanese(blocks.Sum(b => b.Kana), blocks.Sum(b => b.Han));
        var judged = new List<JudgedBlock>(blocks.Count);
        var spans = new List<LanguageSpan>(blocks.Count);
        foreach (var block in blocks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (code, confidence) = Detect(text, block, isJapanese);
            judged.Add(new JudgedBlock(block, code, confidence));
            Append(spans, block, code, confidence);
        }

        var (main, mainConfidence) = LanguageTally.MainLanguage(judged);
        return new DetectedLanguage
        {
            Code = main,
            Confidence = Round(mainConfidence),
            Shares = LanguageTally.Shares(judged),
            Spans = spans,
        };
    }

    private (string Code, double Confidence) Detect(string text, TextBlock block, bool documentIsJapanese)
    {
        if (s_scriptOfOneLanguage.TryGetValue(block.Script, out var code))
        {
            return (code, ScriptConfidence(block.Letters));
        }
        if (block.Script is Script.Han)
        {
            // A kanji-only heading in a Japanese document is Japanese.
            return (documentIsJapanese && block.Kana == 0 || IsJapanese(block.Kana, block.Han) ? "ja" : "zh", ScriptConfidence(block.Letters));
        }
        if (block.Script is Script.Devanagari)
        {
            return DetectDevanagari(text.AsSpan(block.Start, Math.Min(block.End - block.Start, MaximumLinguaCharacters)));
        }
        var model = models.ForScript(block.Script);
        if (model is null)
        {
            return (Undetermined, 0);
        }
        var blockText = text.AsSpan(block.Start, Math.Min(block.End - block.Start, MaximumScoredCharacters));
        var (best, confidence, _) = model.Score(blockText);
        if (models.ForRelativesOf(best) is { } relatives && relatives.Score(blockText) is { Ngrams: > 0 } closer)
        {
            return (closer.Code, Math.Min(confidence, closer.Confidence));
        }
        return (best, confidence);
    }

    /// <summary>Lingua's Hindi/Marathi detector, on pieces of at most <see cref="LinguaPieceCharacters"/> cut at
    /// spaces (on a whole long sentence its confidences come out 0 for both), the pieces' confidences weighted by
    /// their length.</summary>
    private (string Code, double Confidence) DetectDevanagari(ReadOnlySpan<char> text)
    {
        double hindi = 0, marathi = 0, weight = 0;
        while (!text.IsEmpty)
        {
            var length = text.Length <= LinguaPieceCharacters ? text.Length : PieceLength(text);
            var piece = text[..length].ToString();
            text = text[length..];
            foreach (var (language, confidence) in models.Devanagari.ComputeLanguageConfidenceValues(piece))
            {
                if (language == Language.Hindi)
                {
                    hindi += confidence * piece.Length;
                }
                else if (language == Language.Marathi)
                {
                    marathi += confidence * piece.Length;
                }
            }
            weight += piece.Length;
        }
        if (hindi == marathi)
        {
            return (Undetermined, 0);
        }
        return hindi > marathi ? ("hi", hindi / weight) : ("mr", marathi / weight);
    }

    private static int PieceLength(ReadOnlySpan<char> text)
    {
        var space = text[..LinguaPieceCharacters].LastIndexOf(' ');
        return space > 0 ? space + 1 : LinguaPieceCharacters;
    }

    /// <summary>A script that only one language writes names it from its first letter; one letter could still be a
    /// stray symbol or a quoted word, so the confidence starts at one half and is full from
    /// <see cref="MinimumLetters"/> letters.</summary>
    private static double ScriptConfidence(int letters) => 0.5 + 0.5 * Math.Min(letters, MinimumLetters) / MinimumLetters;

    /// <summary>Japanese mixes kana into kanji; Chinese has none, bar a stray の in a shop name.</summary>
    private static bool IsJapanese(int kana, int han) => kana >= 2 && kana >= 0.05 * (kana + han);

    private static void Append(List<LanguageSpan> spans, TextBlock block, string code, double confidence)
    {
        if (spans.Count > 0 && spans[^1] is var last && last.Code == code)
        {
            var lastLength = last.Length;
            var length = block.End - block.Start;
            spans[^1] = last with
            {
                Length = block.End - last.Start,
                Confidence = Round((last.Confidence * lastLength + confidence * length) / (lastLength + length)),
            };
            return;
        }
        spans.Add(new LanguageSpan { Start = block.Start, Length = block.End - block.Start, Code = code, Confidence = Round(confidence) });
    }

    internal static double Round(double confidence) => Math.Round(Math.Clamp(confidence, 0, 1), 4);
}
