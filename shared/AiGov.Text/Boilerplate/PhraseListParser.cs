using System.Globalization;

namespace AiGov.Text.Boilerplate;

/// <summary>Reads the phrase list format described at the top of Boilerplate/en.txt.</summary>
internal static class PhraseListParser
{
    public static List<PhraseSection> Parse(string content, string sourceName)
    {
        var sections = new List<PhraseSection>();
        PhraseSection? current = null;
        var phrases = new List<string>();
        foreach (var line in DataFileLines.Read(content))
        {
            if (line.Header is { } header)
            {
                Flush();
                current = ParseHeader(header, sourceName, line.Number);
                continue;
            }

            if (current is null)
            {
                throw new FormatException($"{sourceName}:{line.Number}: phrase '{line.Text}' before the first [label kind] header.");
            }

            phrases.Add(line.Text.ToLowerInvariant());
        }

        Flush();
        return sections;

        void Flush()
        {
            if (current is not null)
            {
                sections.Add(current with { Phrases = phrases.ToArray() });
            }

            phrases.Clear();
        }
    }

    private static PhraseSection ParseHeader(string header, string sourceName, int lineNumber)
    {
        var parts = header.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            throw new FormatException($"{sourceName}:{lineNumber}: a header is [label kind options…], got [{header}].");
        }

        var kind = parts[1] switch
        {
            "tail" => PhraseKind.Tail,
            "line" => PhraseKind.Line,
            "prefix" => PhraseKind.Prefix,
            "contains" => PhraseKind.Contains,
            _ => throw new FormatException($"{sourceName}:{lineNumber}: unknown kind '{parts[1]}' (tail, line, prefix, contains)."),
        };

        var maxLength = PhraseSection.DefaultMaxLength;
        var minPosition = PhraseSection.DefaultMinPosition;
        foreach (var option in parts.Skip(2))
        {
            var pair = option.Split('=', 2);
            switch (pair[0])
            {
                case "max-length" when pair.Length == 2:
                    maxLength = int.Parse(pair[1], CultureInfo.InvariantCulture);
                    break;
                case "min-position" when pair.Length == 2:
                    minPosition = double.Parse(pair[1], CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new FormatException($"{sourceName}:{lineNumber}: unknown option '{option}'.");
            }
        }

        return new PhraseSection(parts[0], kind, maxLength, minPosition, []);
    }
}
