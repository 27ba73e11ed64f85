using System.Text;

namespace AiGov.Watcher;

/// <summary>Where a file leaving the inbox goes under <c>processed/</c> or <c>failed/</c>: the same relative place,
/// created one folder at a time without ever passing through a symbolic link (a link there could lead the move
/// anywhere), and never onto an existing name.</summary>
public static class OutboxPlacement
{
    /// <summary>Longest file name (in UTF-8 bytes) that Linux file systems take.</summary>
    public const int MaxNameBytes = 255;

    public const string SidecarSuffix = ".error.json";

    /// <summary>Returns a free path below <paramref name="destinationRoot"/> for the inbox-relative path
    /// <paramref name="relativePath"/>, creating the folders on the way. A folder name taken by a link or a file, and
    /// a file name taken by an earlier drop, get a short form of the document id added. With
    /// <paramref name="withSidecar"/>, the name leaves room for <see cref="SidecarSuffix"/>.</summary>
    public static string Place(string destinationRoot, string relativePath, Guid documentId, bool withSidecar)
    {
        var parts = relativePath.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var tag = documentId.ToString("N")[..12];
        var folder = destinationRoot;
        foreach (var part in parts[..^1])
        {
            folder = RealFolder(folder, part, tag);
        }

        var name = parts[^1];
        var reserved = withSidecar ? Encoding.UTF8.GetByteCount(SidecarSuffix) : 0;
        if (Encoding.UTF8.GetByteCount(name) + reserved <= MaxNameBytes && IsFree(Path.Combine(folder, name), withSidecar))
        {
            return Path.Combine(folder, name);
        }
        return Path.Combine(folder, Tagged(name, tag, reserved));
    }

    private static string RealFolder(string parent, string name, string tag)
    {
        var folder = Path.Combine(parent, name);
        if (Occupant(folder) is { } occupant && occupant is not DirectoryInfo { LinkTarget: null })
        {
            folder = Path.Combine(parent, Tagged(name, tag, reservedBytes: 0));
            if (Occupant(folder) is { } tagged && tagged is not DirectoryInfo { LinkTarget: null })
            {
                throw new IOException($"'{folder}' is taken by a link or a file; the file stays in the inbox.");
            }
        }
        // The parent is a real folder, so this creates (at most) the last part and follows no link.
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>What sits at <paramref name="path"/> itself (a link is not followed), or null.</summary>
    private static FileSystemInfo? Occupant(string path)
    {
        var asFile = new FileInfo(path);
        if (asFile.LinkTarget is not null)
        {
            return Directory.Exists(path) ? new DirectoryInfo(path) : asFile;
        }
        if (asFile.Exists)
        {
            return asFile;
        }
        var asFolder = new DirectoryInfo(path);
        return asFolder.Exists ? asFolder : null;
    }

    /// <summary>A sidecar without its file is what a crash between writing the sidecar and moving the file leaves:
    /// the retry of that document may write it again. A sidecar name held by a refused file of its own (one that
    /// has a sidecar itself), a folder or a link is taken.</summary>
    private static bool IsFree(string path, bool withSidecar)
    {
        if (Occupant(path) is not null)
        {
            return false;
        }
        if (!withSidecar)
        {
            return true;
        }
        var sidecar = path + SidecarSuffix;
        return Occupant(sidecar) switch
        {
            null => true,
            FileInfo { LinkTarget: null } => Occupant(sidecar + SidecarSuffix) is null,
            _ => false,
        };
    }

    /// <summary><c>stem.tag.ext</c>, the stem shortened (on a character boundary) so that the name plus
    /// <paramref name="reservedBytes"/> fits in <see cref="MaxNameBytes"/>.</summary>
    private static string Tagged(string name, string tag, int reservedBytes)
    {
        var extension = Path.GetExtension(name);
        if (Encoding.UTF8.GetByteCount(extension) > 32)
        {
            extension = string.Empty;
        }
        var stem = name[..^extension.Length];
        var budget = MaxNameBytes - reservedBytes - Encoding.UTF8.GetByteCount(extension) - tag.Length - 1;
        return $"{Truncate(stem, budget)}.{tag}{extension}";
    }

    private static string Truncate(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }
        var result = new StringBuilder();
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > maxBytes)
            {
                break;
            }
            used += rune.Utf8SequenceLength;
            result.Append(rune.ToString());
        }
        return result.ToString();
    }
}
