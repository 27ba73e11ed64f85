namespace AiGov.Text.Html;

/// <summary>
/// The class and id names that mark page furniture (cookie banners, comments, share widgets, ads, related lists),
/// read from the data file Html/noise-names.txt (format described at its top). Thread-safe once built.
/// </summary>
internal sealed class NoiseNames
{
    private const string Resource = "AiGov.Text.Html.noise-names.txt";

    private static readonly Lazy<NoiseNames> s_embedded = new(LoadEmbedded);

    private readonly List<Entry> _anywhere = [];
    private readonly Dictionary<string, (string Label, int Order)> _wholeParts = new(StringComparer.Ordinal);
    private readonly List<string> _modifiers = [];

    private NoiseNames()
    {
    }

    /// <summary>The list embedded in this assembly.</summary>
    public static NoiseNames Embedded => s_embedded.Value;

    /// <summary>All labels the list can give, in file order.</summary>
    public IReadOnlyList<string> Labels { get; private set; } = [];

    /// <summary>Parses the file format; a malformed line throws <see cref="FormatException"/> naming its line.</summary>
    public static NoiseNames Parse(string content, string sourceName)
    {
        var names = new NoiseNames();
        var labels = new List<string>();
        string? label = null;
        var order = 0;
        foreach (var entry in DataFileLines.Read(content))
        {
            var (lineNumber, line) = (entry.Number, entry.Text);
            if (entry.Header is { } header)
            {
                label = header.ToLowerInvariant();
                if (label.Length == 0 || label.Contains(' '))
                {
                    throw new FormatException($"{sourceName}:{lineNumber}: a section header is one label, like [cookie]; got '{line}'.");
                }

                if (label != "modifier" && !labels.Contains(label))
                {
                    labels.Add(label);
                }

                continue;
            }

            if (label is null)
            {
                throw new FormatException($"{sourceName}:{lineNumber}: name '{line}' before the first [label] header.");
            }

            var parts = line.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var name = parts[0];
            var exceptions = parts.Skip(1).Select(part => part.StartsWith('!') && part.Length > 1
                ? part[1..]
                : throw new FormatException($"{sourceName}:{lineNumber}: after a name only '!exception' words may follow; got '{part}'.")).ToArray();
            if (label == "modifier")
            {
                names._modifiers.Add(name);
            }
            else if (name.Length > 2 && name.StartsWith('*') && name.EndsWith('*'))
            {
                names._anywhere.Add(new Entry(name[1..^1], label, exceptions, order++));
            }
            else if (!name.Contains('*') && exceptions.Length == 0)
            {
                names._wholeParts.TryAdd(name, (label, order++));
            }
            else
            {
                throw new FormatException($"{sourceName}:{lineNumber}: a name is 'word' (a whole part) or '*word*' (anywhere); '!exception' only after '*word*'; got '{line}'.");
            }
        }

        names.Labels = labels;
        return names;
    }

    /// <summary>The label of the widget that one class or id names, or null.</summary>
    public string? LabelOf(string className)
    {
        if (className.Length == 0)
        {
            return null;
        }

        var name = className.ToLowerInvariant();
        foreach (var modifier in _modifiers)
        {
            if (name.Length > modifier.Length && name.StartsWith(modifier, StringComparison.Ordinal) && name[modifier.Length] is '-' or '_')
            {
                return null;
            }
        }

        string? best = null;
        var bestIndex = int.MaxValue;
        var bestOrder = int.MaxValue;
        foreach (var entry in _anywhere)
        {
            var index = name.IndexOf(entry.Text, StringComparison.Ordinal);
            if (index >= 0 && (index < bestIndex || (index == bestIndex && entry.Order < bestOrder)) && !entry.IsExcepted(name))
            {
                (best, bestIndex, bestOrder) = (entry.Label, index, entry.Order);
            }
        }

        var wholeParts = _wholeParts.GetAlternateLookup<ReadOnlySpan<char>>();
        var start = 0;
        while (start < name.Length && start <= bestIndex)
        {
            var end = name.AsSpan(start).IndexOfAny('-', '_');
            var length = end < 0 ? name.Length - start : end;
            if (length > 0 && wholeParts.TryGetValue(name.AsSpan(start, length), out var part)
                && (start < bestIndex || part.Order < bestOrder))
            {
                return part.Label;
            }

            if (end < 0)
            {
                break;
            }

            start += length + 1;
        }

        return best;
    }

    /// <summary>The first label among an element's id and class names (in that order), or null.</summary>
    public string? LabelOf(string? id, string? classNames)
    {
        if (!string.IsNullOrEmpty(id) && LabelOf(id) is { } idLabel)
        {
            return idLabel;
        }

        if (string.IsNullOrEmpty(classNames))
        {
            return null;
        }

        foreach (var name in classNames.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (LabelOf(name) is { } label)
            {
                return label;
            }
        }

        return null;
    }

    private static NoiseNames LoadEmbedded() => Parse(DataFileLines.ReadEmbeddedFile(Resource), "Html/noise-names.txt");

    private sealed record Entry(string Text, string Label, string[] Exceptions, int Order)
    {
        public bool IsExcepted(string name) => Exceptions.Any(exception => name.Contains(exception, StringComparison.Ordinal));
    }
}
