namespace AiGov.Text;

/// <summary>One line that carries data in a list file of this library (Boilerplate/*.txt, Html/noise-names.txt,
/// StopWords/*.txt, the site phrases file): trimmed, with its 1-based number for error messages.</summary>
internal readonly record struct DataFileLine(int Number, string Text)
{
    /// <summary>The inside of a <c>[section header]</c> line; null for any other line.</summary>
    public string? Header => Text.Length >= 2 && Text[0] == '[' && Text[^1] == ']' ? Text[1..^1].Trim() : null;
}

/// <summary>The common shape of the library's list files: one entry per line, blank lines and lines starting with
/// '#' skipped.</summary>
internal static class DataFileLines
{
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
