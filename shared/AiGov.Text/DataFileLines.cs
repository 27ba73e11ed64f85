namespace AiGov.Text;

/// <summary>One line that carries data in a list file of this library (Boilerplate/*.txt, Html/noise-names.txt,
/// StopWords/*.txt, the site phrases file): trimmed, with its 1-based number for error messages.</summary>
internal readonly record struct DataFileLine(int Number, string Text)
{
    /// <summary>The inside of a <c>[section header]</c> line; null for any other line.</summary>
    public string? Header => Text.Length >= 2 && Text[0] == '[' && Text[^1] == ']' ? Text[1..^1].Trim() : null;
}

/// <summary>The common shape of the library's list files: one entry per line, blank lines and lines starting with
/// '#' skipped; the files are embedded resources named <c>AiGov.Text.&lt;folder&gt;.&lt;file&gt;.txt</c>.</summary>
internal static class DataFileLines
{
    /// <summary>The names (without <paramref name="prefix"/> and ".txt") of the embedded list files under a prefix
    /// such as <c>AiGov.Text.StopWords.</c>, in ordinal order.</summary>
    private static IEnumerable<string> EmbeddedNames(string prefix) =>
        typeof(DataFileLines).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".txt", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => name[prefix.Length..^".txt".Length]);

    /// <summary>Name and content of every embedded list file under <paramref name="prefix"/> (see <see cref="EmbeddedNames"/>).</summary>
    public static IEnumerable<(string Name, string Content)> ReadEmbedded(string prefix) =>
        EmbeddedNames(prefix).Select(name => (name, ReadEmbeddedFile(prefix + name + ".txt")));

    /// <summary>The content of one embedded list file, by its resource name (<c>AiGov.Text.Html.noise-names.txt</c>).</summary>
    public static string ReadEmbeddedFile(string resource)
    {
        using var stream = typeof(DataFileLines).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded list {resource} is missing from AiGov.Text; rebuild the project.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static IEnumerable<DataFileLine> Read(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var number = 0;
        foreach (var raw in content.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                yield return new DataFileLine(number, line);
            }
        }
    }
}
