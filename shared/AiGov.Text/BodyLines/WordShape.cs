namespace AiGov.Text.BodyLines;

/// <summary>Counts over one line's words (runs of letters, with an apostrophe between letters) and characters.</summary>
internal readonly record struct WordShape(int Words, int Capitalised, int ReaderAddress, int Digits, int Commas, bool LinkLike)
{
    private const string ResourceName = "AiGov.Text.BodyLines.reader-address.txt";

    private static readonly Lazy<(HashSet<string> AnyCase, HashSet<string> AsWritten)> s_address = new(LoadAddressWords);

    public static WordShape Of(string line)
    {
        var (anyCase, asWritten) = s_address.Value;
        var anyCaseLookup = anyCase.GetAlternateLookup<ReadOnlySpan<char>>();
        var asWrittenLookup = asWritten.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> lower = stackalloc char[MaxAddressWordLength];
        int words = 0, capitalised = 0, address = 0, digits = 0, commas = 0;
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (!char.IsLetter(c))
            {
                digits += char.IsDigit(c) ? 1 : 0;
                commas += c is ',' or '，' or '、' ? 1 : 0;
                i++;
                continue;
            }
            var start = i;
            while (i < line.Length && (char.IsLetter(line[i]) || (line[i] is '\'' or '’' && i + 1 < line.Length && char.IsLetter(line[i + 1]))))
            {
                i++;
            }
            var word = line.AsSpan(start, i - start);
            words++;
            capitalised += char.IsUpper(word[0]) ? 1 : 0;
            if (word.Length <= MaxAddressWordLength)
            {
                var length = word.ToLowerInvariant(lower);
                // "US" and "U.S." are a country, not "us" or Dutch "u": upper-case words match only as written.
                var upperCase = char.IsUpper(word[0]) && (word.Length == 1 || char.IsUpper(word[1]));
                address += asWrittenLookup.Contains(word) || (!upperCase && anyCaseLookup.Contains(lower[..length])) ? 1 : 0;
            }
        }
        var linkLike = line.Contains("://", StringComparison.Ordinal) || line.Contains("www.", StringComparison.OrdinalIgnoreCase)
            || line.Contains('@') || line.Contains(".com", StringComparison.OrdinalIgnoreCase);
        return new WordShape(words, capitalised, address, digits, commas, linkLike);
    }

    private const int MaxAddressWordLength = 16;

    private static (HashSet<string>, HashSet<string>) LoadAddressWords()
    {
        var anyCase = new HashSet<string>(StringComparer.Ordinal);
        var asWritten = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in DataFileLines.Read(DataFileLines.ReadEmbeddedFile(ResourceName)))
        {
            var colon = line.Text.IndexOf(':');
            if (colon <= 0)
            {
                throw new FormatException($"{ResourceName} line {line.Number}: expected 'language: words'; got '{line.Text}'.");
            }
            foreach (var word in line.Text[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (word.Length > MaxAddressWordLength)
                {
                    throw new FormatException($"{ResourceName} line {line.Number}: '{word}' is longer than {MaxAddressWordLength} characters.");
                }
                (word.Any(char.IsUpper) ? asWritten : anyCase).Add(word);
            }
        }
        return (anyCase, asWritten);
    }
}
