namespace AiGov.Cli;

/// <summary>The files under <c>processed/</c> that <c>aigov reprocess</c> may read. A row's <c>file_name</c> is data
/// from the database, not a path to trust: the path it names is resolved and must stay under <c>processed/</c>,
/// through no symbolic link.</summary>
public sealed class ProcessedFolder(string dataRoot)
{
    public string Root { get; } = Path.GetFullPath(Path.Combine(dataRoot, "processed"));

    /// <summary>The full path <paramref name="fileName"/> names under <see cref="Root"/>, or null when it leaves it:
    /// a rooted name, one that climbs out with "..", or one that passes through a symbolic link.</summary>
    public string? PathOf(string fileName)
    {
        if (string.IsNullOrEmpty(fileName) || Path.IsPathRooted(fileName) || fileName.Contains('\0'))
        {
            return null;
        }
        var full = Path.GetFullPath(Path.Combine(Root, fileName));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return null;
        }
        for (var path = full; path.Length > Root.Length; path = Path.GetDirectoryName(path)!)
        {
            if (IsLink(path))
            {
                return null;
            }
        }
        return full;
    }

    /// <summary>Whether <paramref name="path"/> is a symbolic link (to a file or a folder, dangling or not).</summary>
    public static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;
}
