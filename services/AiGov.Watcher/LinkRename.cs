using System.Runtime.InteropServices;

namespace AiGov.Watcher;

/// <summary>rename(2) of a symbolic link itself, never replacing what is at the destination.</summary>
internal static class LinkRename
{
    private const int AtCurrentDirectory = -100;
    private const uint NoReplace = 1;
    private const int NotSupported = 22; // EINVAL: the file system has no RENAME_NOREPLACE

    public static void Move(string source, string destination)
    {
        if (NativeMethods.renameat2(AtCurrentDirectory, source, AtCurrentDirectory, destination, NoReplace) == 0)
        {
            return;
        }
        var error = Marshal.GetLastPInvokeError();
        if (error == NotSupported && !Path.Exists(destination) && new FileInfo(destination).LinkTarget is null
            && NativeMethods.rename(source, destination) == 0)
        {
            return;
        }
        throw new IOException($"Could not move the link '{source}' to '{destination}': {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in this project for two calls.
    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int renameat2(int oldDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath,
            int newDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int rename([MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);
    }
#pragma warning restore SYSLIB1054
}
