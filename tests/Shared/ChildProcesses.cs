using System.Globalization;

namespace AiGov.Tests.Shared;

/// <summary>The live processes a process started (Linux: the /proc entries whose parent it is).</summary>
public static class ChildProcesses
{
    /// <summary>The ids of <paramref name="parentId"/>'s live children whose command line contains
    /// <paramref name="commandLinePart"/> (any child when it is null).</summary>
    public static IReadOnlyList<int> Of(int parentId, string? commandLinePart = null)
    {
        var children = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }
            try
            {
                // After the parenthesised command name: the state, then the parent's id.
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] != "Z" && int.Parse(fields[1], CultureInfo.InvariantCulture) == parentId
                    && (commandLinePart is null || File.ReadAllText(Path.Combine(folder, "cmdline")).Contains(commandLinePart, StringComparison.Ordinal)))
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while it was looked at.
            }
        }
        return children;
    }
}
