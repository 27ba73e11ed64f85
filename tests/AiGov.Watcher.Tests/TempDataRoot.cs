namespace AiGov.Watcher.Tests;

/// <summary>A fresh data root under the system temp folder, deleted (links removed, never followed) afterwards.</summary>
internal sealed class TempDataRoot : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aigov-watcher-tests-");

    public string Path => _directory.FullName;

    /// <summary>A folder beside the data root's inbox, i.e. outside it.</summary>
    public string Outside => Directory.CreateDirectory(System.IO.Path.Combine(Path, "outside")).FullName;

    public void Dispose()
    {
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }
}
