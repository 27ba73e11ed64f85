namespace AiGov.IntegrationTests.Watcher.Rig;

/// <summary>The watcher's permission tests exist for Unix; on Windows they fail loudly rather than pass.</summary>
public static class UnixPermissions
{
    public const UnixFileMode Everyone = (UnixFileMode)0b111_111_111;

    public static void Set(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Unix file modes are needed by this test.");
        }
        File.SetUnixFileMode(path, mode);
    }

    public static void AddOwnerReadWrite(FileInfo file)
    {
        if (!OperatingSystem.IsWindows())
        {
            file.UnixFileMode |= UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
    }
}
