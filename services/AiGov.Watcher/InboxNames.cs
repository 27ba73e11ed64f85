namespace AiGov.Watcher;

/// <summary>Names a writer uses while a file is still being written (or hides): ignored until renamed.</summary>
public static class InboxNames
{
    private static readonly string[] s_temporarySuffixes = [".part", ".tmp", ".crdownload", ".partial", ".swp", ".download"];

    public static bool IsTemporary(string name) =>
        name.StartsWith('.') || name.StartsWith('~') || name.EndsWith('~') ||
        s_temporarySuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
}
