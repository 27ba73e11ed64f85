namespace AiGov.Tests.Shared;

/// <summary>The shared folder beside the repository (<c>../shared</c>, as CI lays it) or <c>AIGOV_SHARED</c>: where
/// tests and benches read the public dev sets, which are never copied into the repository.</summary>
public static class SharedFolder
{
    /// <summary>The folder <paramref name="relative"/> below the shared folder, or null when it is not there.</summary>
    public static string? Find(string relative)
    {
        if (Environment.GetEnvironmentVariable("AIGOV_SHARED") is { Length: > 0 } shared)
        {
            var fromEnvironment = Path.Combine(shared, relative);
            return Directory.Exists(fromEnvironment) ? fromEnvironment : null;
        }
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
