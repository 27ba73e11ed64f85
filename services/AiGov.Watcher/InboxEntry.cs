using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace AiGov.Watcher;

/// <summary>A symbolic link (or something that is not a folder) sits where the inbox has a folder on the way to a file:
/// following it could lead outside the inbox, so nothing behind it is opened.</summary>
public sealed class LinkOnTheWayException(string relativePath, string part)
    : IOException($"'{relativePath}' is reached through '{part}', which is a symbolic link or not a folder; nothing behind it is read or moved");

/// <summary>
/// Opens and moves entries under the inbox without following a symbolic link anywhere on the way: each folder from the
/// inbox down is opened with O_NOFOLLOW relative to the folder before it, then the entry itself, so a folder swapped
/// for a link between a check and a read or a move makes that open fail instead of leading outside the inbox. The
/// check and the use are the same system call. Linux only (the watcher's platform).
/// </summary>
internal static class InboxEntry
{
    private const int AtCurrentDirectory = -100;
    private const int ReadOnly = 0;
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;
    private const int PathOnly = 0x200000;
    private const uint RenameNoReplace = 1;
    private const int NoSuchEntry = 2;
    private const int NotADirectory = 20;
    private const int InvalidArgument = 22;
    private const int TooManyLinks = 40;

    // O_DIRECTORY and O_NOFOLLOW differ between x86-64 and the generic table that arm64 uses.
    private static readonly bool s_genericFlags = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;
    private static readonly int s_directory = s_genericFlags ? 0x4000 : 0x10000;
    private static readonly int s_noFollow = s_genericFlags ? 0x8000 : 0x20000;

    /// <summary>The file at <paramref name="relativePath"/> (under <paramref name="inbox"/>) opened for reading, and the
    /// folder it was opened from.</summary>
    /// <exception cref="LinkOnTheWayException">A folder on the way, or the file itself, is a symbolic link.</exception>
    /// <exception cref="FileNotFoundException">The file or a folder on the way is gone.</exception>
    public static (SafeFileHandle Folder, SafeFileHandle File) OpenFile(string inbox, string relativePath)
    {
        var (folder, name) = OpenParent(inbox, relativePath);
        try
        {
            var fd = NativeMethods.openat(folder, name, ReadOnly | s_noFollow | CloseOnExec | NonBlocking);
            if (fd < 0)
            {
                throw Failure(relativePath, name);
            }
            return (folder, new SafeFileHandle(fd, ownsHandle: true));
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>Moves the entry at <paramref name="relativePath"/> (a file, or a link itself) to
    /// <paramref name="destination"/>, never replacing what is there.</summary>
    public static void Move(string inbox, string relativePath, string destination)
    {
        var (folder, name) = OpenParent(inbox, relativePath);
        using (folder)
        {
            if (NativeMethods.renameat2(folder, name, AtCurrentDirectory, destination, RenameNoReplace) == 0)
            {
                return;
            }
            var error = Marshal.GetLastPInvokeError();
            // EINVAL: a file system without RENAME_NOREPLACE; the destination is checked, then renamed plainly.
            if (error == InvalidArgument && !Path.Exists(destination) && new FileInfo(destination).LinkTarget is null
                && NativeMethods.renameat(folder, name, AtCurrentDirectory, destination) == 0)
            {
                return;
            }
            throw new IOException($"Could not move '{relativePath}' to '{destination}': {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
    }

    /// <summary>The folder holding <paramref name="relativePath"/>, opened folder by folder from the inbox without
    /// following links, and the entry's name in it.</summary>
    private static (SafeFileHandle Folder, string Name) OpenParent(string inbox, string relativePath)
    {
        var parts = relativePath.Split(['/', Path.DirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts.Any(part => part is "." or ".."))
        {
            throw new ArgumentException($"'{relativePath}' is not a path inside the inbox.", nameof(relativePath));
        }
        var folder = new SafeFileHandle(NativeMethods.open(inbox, PathOnly | s_directory | CloseOnExec), ownsHandle: true);
        if (folder.IsInvalid)
        {
            throw new IOException($"Cannot open the inbox '{inbox}': {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
        foreach (var part in parts[..^1])
        {
            var next = NativeMethods.openat(folder, part, PathOnly | s_directory | s_noFollow | CloseOnExec);
            var error = Marshal.GetLastPInvokeError();
            folder.Dispose();
            if (next < 0)
            {
                Marshal.SetLastPInvokeError(error);
                throw Failure(relativePath, part);
            }
            folder = new SafeFileHandle(next, ownsHandle: true);
        }
        return (folder, parts[^1]);
    }

    private static IOException Failure(string relativePath, string part)
    {
        var error = Marshal.GetLastPInvokeError();
        return error switch
        {
            TooManyLinks or NotADirectory => new LinkOnTheWayException(relativePath, part),
            NoSuchEntry => new FileNotFoundException($"'{relativePath}' is gone ('{part}' does not exist).", relativePath),
            _ => new IOException($"Cannot open '{relativePath}' ('{part}'): {Marshal.GetPInvokeErrorMessage(error)}"),
        };
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in this project for four calls.
    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int openat(SafeFileHandle directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int renameat2(SafeFileHandle oldDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath,
            int newDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int renameat(SafeFileHandle oldDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath,
            int newDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);
    }
#pragma warning restore SYSLIB1054
}
