using System.Text;

namespace AiGov.Text.Similarity;

/// <summary>The names and numbers of a text: what two reports of one event keep even when every sentence is
/// rewritten ("Li Qiang", "World AI Conference", "109.1"). A name is a run of capitalised words; its single words
/// count too, so "Premier Li Qiang" and "Li Qiang" still meet. Texts in scripts without case (Chinese, Thai)
/// yield only their numbers and Latin names.</summary>
public static class StoryAnchors
{
    // Capitalised at the start of a sentence, or capitalised function words inside titles: not names.
    private static readonly HashSet<string> s_notNames = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "by", "with", "from", "as", "is",
        "are", "was", "were", "be", "it", "its", "this", "that", "these", "those", "he", "she", "they", "we", "i",
        "his", "her", "their", "our", "if", "when", "while", "after", "before", "however", "according", "also",
        "photo", "source", "read", "more", "s",
    };

    /// <summary>Distinct anchor hashes.</summary>
    public static HashSet<ulong> Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var anchors = new HashSet<ulong>();
        var name = new List<string>();
        var sentenceStart = true;
        foreach (var token in Tokens(text.Normalize(NormalizationForm.FormKC)))
        {
            if (token.IsBreak)
            {
                FlushName(name, anchors);
                sentenceStart |= token.EndsSentence;
                continue;
            }
            var word = token.Text;
            var lower = word.ToLowerInvariant();
            if (char.IsDigit(word[0]))
            {
                FlushName(name, anchors);
                // Lone single digits are too common to tell events apart.
                if (word.Length > 1)
                {
                    anchors.Add(StableHash.Of("#" + word));
                }
            }
            else if (char.IsUpper(word[0]) && !s_notNames.Contains(lower) && !(sentenceStart && IsOrdinarySentenceStart(word)))
            {
                name.Add(lower);
            }
            else
            {
                FlushName(name, anchors);
            }
            sentenceStart = false;
        }
        FlushName(name, anchors);
        return anchors;
    }

    // A capitalised first word of a sentence is usually an ordinary word ("Experts said"); acronyms are names.
    private static bool IsOrdinarySentenceStart(string word) => word.Length < 2 || !char.IsUpper(word[1]);

    private static void FlushName(List<string> name, HashSet<ulong> anchors)
    {
        if (name.Count == 0)
        {
            return;
        }
        foreach (var word in name)
        {
            anchors.Add(StableHash.Of(word));
        }
        if (name.Count > 1)
        {
            anchors.Add(StableHash.Of(string.Join(' ', name)));
        }
        name.Clear();
    }

    private static IEnumerable<Token> Tokens(string text)
    {
        var word = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            // "109.1" and "1,000" are one number.
            var insideNumber = (c is '.' or ',') && word.Length > 0 && char.IsDigit(word[^1]) && i + 1 < text.Length && char.IsDigit(text[i + 1]);
            if (char.IsLetterOrDigit(c) && !TextUnits.IsUnspacedScript(c) || insideNumber)
            {
                word.Append(c);
                continue;
            }
            if (word.Length > 0)
            {
                yield return new Token(word.ToString(), false, false);
                word.Clear();
            }
            if (c is ' ' or '-' or '\'' or '’')
            {
                continue; // names continue across spaces and hyphens ("Li Qiang", "Xi-Jinping")
            }
            yield return new Token(string.Empty, true, c is '.' or '!' or '?' or '\n' or '。' or '！' or '？');
        }
        if (word.Length > 0)
        {
            yield return new Token(word.ToString(), false, false);
        }
    }

    private readonly record struct Token(string Text, bool IsBreak, bool EndsSentence);
}
