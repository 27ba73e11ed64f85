using System.Text;
using System.Text.RegularExpressions;

namespace AiGov.Text.Boilerplate;

/// <summary>
/// Finds the phrase-list section a line belongs to. Literal whole-line phrases are a dictionary lookup; phrases
/// with wildcards, prefixes and contained phrases are each a few union regexes (non-backtracking, so linear in the
/// line) tried first, and only a line that matches the union is tested section by section.
/// </summary>
internal sealed class PhraseMatcher
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    private readonly Dictionary<string, PhraseSection> _literals = new(StringComparer.Ordinal);
    private readonly SectionPatterns _wholeLines;
    private readonly SectionPatterns _prefixes;
    private readonly SectionPatterns _contained;
    private readonly int _maxLength;

    public PhraseMatcher(IEnumerable<PhraseSection> sections)
    {
        var wholeLines = new List<(PhraseSection, string)>();
        var prefixes = new List<(PhraseSection, string)>();
        var contained = new List<(PhraseSection, string)>();
        foreach (var section in sections)
        {
            _maxLength = Math.Max(_maxLength, section.MaxLength);
            foreach (var phrase in section.Phrases)
            {
                switch (section.Kind)
                {
                    case PhraseKind.Tail or PhraseKind.Line when !HasWildcard(phrase):
                        _literals.TryAdd(phrase, section);
                        break;
                    case PhraseKind.Tail or PhraseKind.Line:
                        wholeLines.Add((section, ToPattern(phrase)));
                        break;
                    case PhraseKind.Prefix:
                        prefixes.Add((section, ToPattern(phrase)));
                        break;
                    case PhraseKind.Contains:
                        contained.Add((section, ToPattern(phrase)));
                        break;
                }
            }
        }

        _wholeLines = new SectionPatterns(wholeLines, "^(?:", ")$");
        _prefixes = new SectionPatterns(prefixes, "^(?:", @")\s*[:：]");
        _contained = new SectionPatterns(contained, "(?:", ")");
    }

    /// <summary>The section whose phrase <paramref name="line"/> (trimmed) is, or null.</summary>
    public PhraseSection? Match(string line)
    {
        if (line.Length == 0 || line.Length > _maxLength)
        {
            return null;
        }

        var candidate = Candidate(line);
        if (_literals.TryGetValue(candidate, out var literal) && line.Length <= literal.MaxLength)
        {
            return literal;
        }

        return _wholeLines.Match(candidate, line.Length)
            ?? MatchPrefix(candidate, line.Length)
            ?? _contained.Match(candidate, line.Length);
    }

    // A prefix phrase is followed by a colon: without one the union cannot match (the candidate's trailing colons
    // are trimmed, so "Related:" alone is a whole-line phrase, not a prefix).
    private PhraseSection? MatchPrefix(string candidate, int lineLength)
    {
        if (!_prefixes.CanMatch(lineLength) || candidate.AsSpan().IndexOfAny(':', '：') < 0)
        {
            return null;
        }

        return _prefixes.Match(candidate.TrimStart('(', '[', '（', '【'), lineLength);
    }

    /// <summary>Lower case, without a leading list bullet or a trailing colon.</summary>
    private static string Candidate(string line)
    {
        var start = 0;
        if (line[0] is '•' or '·' or '▪' or '◦' or '‣' or '●' or '■' or '►' or '-' or '*' or '–' or '—')
        {
            start = 1;
            while (start < line.Length && char.IsWhiteSpace(line[start]))
            {
                start++;
            }
        }

        return line[start..].TrimEnd(':', '：', ' ').ToLowerInvariant();
    }

    private static bool HasWildcard(string phrase) => phrase.Contains('*') || phrase.Contains("{n}", StringComparison.Ordinal);

    private static string ToPattern(string phrase)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < phrase.Length; i++)
        {
            if (phrase[i] == '*')
            {
                builder.Append(".*");
            }
            else if (phrase[i] == ' ')
            {
                builder.Append(@"\s*");
            }
            else if (string.CompareOrdinal(phrase, i, "{n}", 0, 3) == 0)
            {
                builder.Append(@"\d+(?:[.,]\d+)?");
                i += 2;
            }
            else
            {
                builder.Append(Regex.Escape(phrase[i].ToString()));
            }
        }

        return builder.ToString();
    }

    private sealed class SectionPatterns
    {
        // Patterns per union: a non-backtracking automaton is capped at 10,000 nodes, which one union of every
        // language's wildcard phrases exceeds.
        private const int UnionSize = 32;

        private readonly List<Regex> _unions = [];
        private readonly List<(PhraseSection Section, Regex Pattern)> _bySection = [];

        // The longest line any of these sections accepts: longer lines skip the union.
        private readonly int _maxLength;

        public SectionPatterns(List<(PhraseSection Section, string Pattern)> patterns, string open, string close)
        {
            if (patterns.Count == 0)
            {
                return;
            }

            foreach (var chunk in patterns.Chunk(UnionSize))
            {
                _unions.Add(new Regex(open + string.Join('|', chunk.Select(p => p.Pattern)) + close, Options));
            }
            _maxLength = patterns.Max(p => p.Section.MaxLength);
            foreach (var group in patterns.GroupBy(p => p.Section))
            {
                _bySection.Add((group.Key, new Regex(open + string.Join('|', group.Select(p => p.Pattern)) + close, Options)));
            }
        }

        public bool CanMatch(int lineLength) => _unions.Count > 0 && lineLength <= _maxLength;

        public PhraseSection? Match(string candidate, int lineLength)
        {
            if (!CanMatch(lineLength) || !_unions.Exists(union => union.IsMatch(candidate)))
            {
                return null;
            }

            foreach (var (section, pattern) in _bySection)
            {
                if (lineLength <= section.MaxLength && pattern.IsMatch(candidate))
                {
                    return section;
                }
            }

            return null;
        }
    }
}
