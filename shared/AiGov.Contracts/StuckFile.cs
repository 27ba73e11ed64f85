namespace AiGov.Contracts;

/// <summary>A file the watcher read and published but could not move out of the inbox (a read-only folder, a full
/// disk) after <see cref="StuckFiles.MaxAttempts"/> tries: it is left where it is and not published again until it
/// changes. The watcher keeps the list in <see cref="StuckFiles.FileName"/> under the data root; <c>aigov status</c>
/// shows it.</summary>
public sealed record StuckFile(string FileName, int Attempts, string Error, DateTimeOffset Since);

public static class StuckFiles
{
    /// <summary>The list's file, under the data root (beside <c>inbox/</c>).</summary>
    public const string FileName = "watcher-stuck-files.json";

    /// <summary>Tries (each a publish and a failed move) before a file is left alone.</summary>
    public const int MaxAttempts = 3;
}
