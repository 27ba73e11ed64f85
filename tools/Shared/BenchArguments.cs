namespace AiGov.Tools.Shared;

/// <summary>A bench command's arguments: <c>--name value</c> options, <c>--flag</c> switches and one folder.</summary>
public sealed class BenchArguments(IReadOnlyList<string> args, params string[] optionsWithValues)
{
    public bool Has(string flag) => args.Contains(flag);

    /// <summary>The value after <paramref name="name"/>, or null.</summary>
    public string? Option(string name)
    {
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }
        return null;
    }

    /// <summary>The first argument that is neither an option nor an option's value, or null.</summary>
    public string? Folder()
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                i += optionsWithValues.Contains(args[i]) ? 1 : 0;
                continue;
            }
            return args[i];
        }
        return null;
    }

    /// <summary>The data folder: the one given on the command line, else the one <paramref name="find"/> finds beside
    /// the repository; null, after telling the user what to pass, when there is none.</summary>
    public string? DataFolder(string command, string what, string relativeDirectory, Func<string?> find)
    {
        var directory = Folder() ?? find();
        if (directory is null || !Directory.Exists(directory))
        {
            Console.Error.WriteLine($"{command}: no {what}{(directory is null ? string.Empty : " at " + directory)}: pass it (e.g. ../shared/{relativeDirectory}) or set AIGOV_SHARED to the shared folder.");
            return null;
        }
        return directory;
    }
}
