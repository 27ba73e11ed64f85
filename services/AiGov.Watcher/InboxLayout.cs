using Microsoft.Extensions.Options;

namespace AiGov.Watcher;

/// <summary>The three folders under the data root, created at start.</summary>
public sealed class InboxLayout
{
    public InboxLayout(IOptions<PipelineOptions> options)
    {
        var root = Path.GetFullPath(options.Value.DataRoot);
        Root = Directory.CreateDirectory(root).FullName;
        Inbox = Directory.CreateDirectory(Path.Combine(root, "inbox")).FullName;
        Processed = Directory.CreateDirectory(Path.Combine(root, "processed")).FullName;
        Failed = Directory.CreateDirectory(Path.Combine(root, "failed")).FullName;
        // Symbolic links are judged against where the inbox really is.
        InboxRealPath = RealPath(Inbox);
    }

    /// <summary>The data root, holding the three folders.</summary>
    public string Root { get; }

    public string Inbox { get; }
    public string Processed { get; }
    public string Failed { get; }
    public string InboxRealPath { get; }

    /// <summary>Path relative to the inbox with '/' separators: the <c>file_name</c> of the row.</summary>
    public string RelativeName(string path) => Path.GetRelativePath(Inbox, path).Replace(Path.DirectorySeparatorChar, '/');

    public bool IsInsideInbox(string realPath) =>
        realPath.StartsWith(InboxRealPath + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The first folder between the inbox and <paramref name="path"/> that is a symbolic link, or null.</summary>
    public string? LinkedFolderOnTheWay(string path)
    {
        var relative = Path.GetRelativePath(Inbox, path);
        var folder = Inbox;
        foreach (var part in relative.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries)[..^1])
        {
            folder = Path.Combine(folder, part);
            if (new DirectoryInfo(folder).LinkTarget is not null)
            {
                return folder;
            }
        }
        return null;
    }

    /// <summary>The path with every symbolic link along it resolved.</summary>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            var info = new FileInfo(current);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                current = target is null ? current : RealPath(target.FullName);
            }
        }
        return current;
    }
}
