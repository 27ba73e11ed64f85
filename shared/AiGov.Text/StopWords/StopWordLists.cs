using System.Globalization;

namespace AiGov.Text.StopWords;

/// <summary>How many of a text's words (for Chinese: Han characters) are stop words of one language.</summary>
public readonly record struct StopWordDensity(string Language, int Words, int StopWords)
{
    /// <summary>StopWords ÷ Words; 0 for a text without words.</summary>
    public double Density => Words == 0 ? 0 : (double)StopWords / Words;
}

/// <summary>
/// Stop-word lists per language, read from the data files StopWords/*.txt (one per language, the file name is the
/// ISO 639-1 code). Running prose is 30–55 % stop words in its own language and near 0 % in another one; menus, tag
/// lists and link lists are near 0 % in every language. A list of single Han characters (zh) is counted per
/// character, the others per word. Thread-safe once built.
/// </summary>
public sealed class StopWordLists
{
    private const string ResourcePrefix = "AiGov.Text.StopWords.";

    // Longest stop word; longer tokens are counted as words without a look-up.
    private const int MaxWordLength = 24;

    private static readonly Lazy<StopWordLists> s_embedded = new(LoadEmbedded);

    private readonly string[] _languages;
    private readonly bool[] _perCharacter;
    private readonly Dictionary<string, ulong> _words = new(StringComparer.Ordinal);
    private readonly Dictionary<char, ulong> _characters = [];

    private StopWordLists(List<(string Language, string[] Words)> lists)
    {
        if (lists.Count is 0 or > 64)
        {
            throw new ArgumentException($"Between 1 and 64 stop-word lists are supported; got {lists.Count}.", nameof(lists));
        }

        _languages = lists.Select(list => list.Language).ToArray();
        _perCharacter = new bool[lists.Count];
        for (var i = 0; i < lists.Count; i++)
        {
            var bit = 1UL << i;
            _perCharacter[i] = lists[i].Words.Length > 0 && lists[i].Words.All(word => word.Length == 1 && IsHan(word[0]));
            foreach (var word in lists[i].Words)
            {
                if (_perCharacter[i])
                {
                    _characters[word[0]] = _characters.GetValueOrDefault(word[0]) | bit;
                }
                else
                {
                    _words[word] = _words.GetValueOrDefault(word) | bit;
                }
            }
        }
    }

    /// <summary>The lists embedded in this assembly.</summary>
    public static StopWordLists Embedded => s_embedded.Value;

    /// <summary>The languages, in the order of <see cref="StopWordProfile"/>'s counts.</summary>
    public IReadOnlyList<string> Languages => _languages;

    /// <summary>Builds the lists from (language, file content) pairs in the data-file format.</summary>
    public static StopWordLists Parse(IEnumerable<(string Language, string Content)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var lists = new List<(string, string[])>();
        foreach (var (language, content) in files)
        {
            var words = DataFileLines.Read(content)
                .SelectMany(line => line.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Select(word => word.Replace('’', '\'').ToLowerInvariant())
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            if (words.Length == 0)
            {
                throw new FormatException($"Stop-word list '{language}' has no words; add words or delete the file.");
            }

            lists.Add((language, words));
        }

        return new StopWordLists(lists);
    }

    /// <summary>Counts the words of <paramref name="text"/> and the stop words of every language among them.</summary>
    public StopWordProfile Measure(ReadOnlySpan<char> text)
    {
        var hits = new int[_languages.Length];
        var words = 0;
        var hanCharacters = 0;
        var lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> lower = stackalloc char[MaxWordLength];
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsHan(c))
            {
                hanCharacters++;
                if (_characters.TryGetValue(c, out var characterBits))
                {
                    Count(characterBits, hits);
                }

                i++;
                continue;
            }

            if (!char.IsLetter(c))
            {
                i++;
                continue;
            }

            // A word: letters and marks, with apostrophes between letters ("don't", "l'IA").
            var start = i;
            var apostrophe = -1;
            while (i < text.Length)
            {
                var d = text[i];
                if (char.IsLetter(d) && !IsHan(d) || CharUnicodeInfo.GetUnicodeCategory(d) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
                {
                    i++;
                }
                else if (d is '\'' or '’' && apostrophe < 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]))
                {
                    apostrophe = i - start;
                    i++;
                }
                else
                {
                    break;
                }
            }

            words++;
            var word = text[start..i];
            if (word.Length > MaxWordLength)
            {
                continue;
            }

            var length = word.ToLowerInvariant(lower);
            if (apostrophe >= 0)
            {
                lower[apostrophe] = '\'';
            }

            var bits = lookup.TryGetValue(lower[..length], out var wordBits) ? wordBits : 0UL;
            if (apostrophe > 0 && lookup.TryGetValue(lower[..apostrophe], out var elidedBits))
            {
                bits |= elidedBits;
            }

            Count(bits, hits);
        }

        return new StopWordProfile(this, words, hanCharacters, hits);
    }

    internal bool IsPerCharacter(int language) => _perCharacter[language];

    private static void Count(ulong bits, int[] hits)
    {
        while (bits != 0)
        {
            var language = System.Numerics.BitOperations.TrailingZeroCount(bits);
            hits[language]++;
            bits &= bits - 1;
        }
    }

    private static bool IsHan(char c) => ScriptCounter.IsHan(c);

    private static StopWordLists LoadEmbedded() => Parse(DataFileLines.ReadEmbedded(ResourcePrefix).ToList());
}

/// <summary>The stop-word counts of one text in every language of a <see cref="StopWordLists"/>.</summary>
public sealed class StopWordProfile
{
    private readonly StopWordLists _lists;
    private readonly int[] _hits;

    internal StopWordProfile(StopWordLists lists, int words, int hanCharacters, int[] hits)
    {
        _lists = lists;
        Words = words;
        HanCharacters = hanCharacters;
        _hits = hits;
    }

    /// <summary>Words outside Han script.</summary>
    public int Words { get; }

    /// <summary>The profile of several texts together: the same as measuring them joined by line breaks (no word
    /// crosses a line break), without joining them. All must come from the same lists.</summary>
    internal static StopWordProfile Sum(StopWordLists lists, IEnumerable<StopWordProfile> profiles)
    {
        var hits = new int[lists.Languages.Count];
        int words = 0, hanCharacters = 0;
        foreach (var profile in profiles)
        {
            words += profile.Words;
            hanCharacters += profile.HanCharacters;
            for (var i = 0; i < hits.Length; i++)
            {
                hits[i] += profile._hits[i];
            }
        }

        return new StopWordProfile(lists, words, hanCharacters, hits);
    }

    /// <summary>Han characters (each counts as a word for a per-character list such as zh).</summary>
    public int HanCharacters { get; }

    /// <summary>The density in <paramref name="language"/>; zero counts for a language without a list.</summary>
    public StopWordDensity For(string language)
    {
        for (var i = 0; i < _hits.Length; i++)
        {
            if (_lists.Languages[i] == language)
            {
                return Density(i);
            }
        }

        return new StopWordDensity(language, 0, 0);
    }

    /// <summary>The language whose stop words are densest here (ties: more stop words, then list order); null when
    /// no stop word of any language occurs.</summary>
    public StopWordDensity? Densest
    {
        get
        {
            StopWordDensity? best = null;
            for (var i = 0; i < _hits.Length; i++)
            {
                if (_hits[i] == 0)
                {
                    continue;
                }

                var density = Density(i);
                if (best is not { } current || density.Density > current.Density
                    || (density.Density == current.Density && density.StopWords > current.StopWords))
                {
                    best = density;
                }
            }

            return best;
        }
    }

    private StopWordDensity Density(int language) =>
        new(_lists.Languages[language], _lists.IsPerCharacter(language) ? HanCharacters : Words, _hits[language]);
}
