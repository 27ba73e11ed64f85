using System.Text;

namespace AiGov.Cli;

/// <summary>A search split by writing system: spaced words for plainto_tsquery, and Chinese/Japanese runs, which
/// the index stores character by character, for phrase queries.</summary>
public sealed record SearchQuery(string SpacedWords, IReadOnlyList<string> CjkWords)
{
    public static SearchQuery Parse(string words)
    {
        var spaced = new StringBuilder();
        var cjk = new List<string>();
        var run = new StringBuilder();
        foreach (var rune in words.EnumerateRunes())
        {
            if (IsCjk(rune))
            {
                run.Append(rune.ToString());
                continue;
            }
            Flush();
            spaced.Append(rune.ToString());
        }
        Flush();
        return new SearchQuery(spaced.ToString().Trim(), cjk);

        void Flush()
        {
            if (run.Length > 0)
            {
                cjk.Add(run.ToString());
                run.Clear();
                spaced.Append(' ');
            }
        }
    }

    // The same ranges as the search_vector column's definition (AiGovDbContext).
    private static bool IsCjk(Rune rune) => rune.Value is
        (>= 0x3040 and <= 0x30FF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF);
}
