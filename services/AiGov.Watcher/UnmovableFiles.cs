using System.Collections.Concurrent;
using System.Text.Json;
using AiGov.Contracts;

namespace AiGov.Watcher;

/// <summary>
/// Files that were published but could not be moved out of the inbox. Without this, each rescan would publish such a
/// file again (and every stage would clean it again), forever. A file waits 30 s after its first failed try and twice as
/// long after each next one; after <see cref="StuckFiles.MaxAttempts"/> tries it is left alone, with one log line, and
/// listed in <see cref="StuckFiles.FileName"/> for <c>aigov status</c>, until its size or modification time changes
/// (someone fixed it and touched it) or it is gone.
/// </summary>
public sealed class UnmovableFiles(InboxLayout layout, TimeProvider clock, ILogger<UnmovableFiles> logger)
{
    private static readonly TimeSpan s_firstWait = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly ConcurrentDictionary<string, Attempts> _files = new(StringComparer.Ordinal);
    private readonly Lock _listLock = new();

    /// <summary>Whether <paramref name="path"/> is to be left alone now: waiting for its next try, or given up on
    /// while it stays as it was.</summary>
    public bool IsWaiting(string path)
    {
        if (!_files.TryGetValue(path, out var attempts))
        {
            return false;
        }
        var info = new FileInfo(path);
        if (!info.Exists || info.Length != attempts.Size || info.LastWriteTimeUtc != attempts.LastWrite)
        {
            Forget(path);
            return false;
        }
        return attempts.Count >= StuckFiles.MaxAttempts || clock.GetUtcNow() < attempts.RetryAt;
    }

    /// <summary>A try to ingest <paramref name="path"/> failed with <paramref name="error"/> after it may have been
    /// published.</summary>
    public void Failed(string path, Exception error)
    {
        var info = new FileInfo(path);
        var now = clock.GetUtcNow();
        var attempts = _files.AddOrUpdate(path,
            _ => new Attempts(1, now + s_firstWait, info.Exists ? info.Length : 0, info.Exists ? info.LastWriteTimeUtc : default, error.Message, now),
            (_, before) => before with { Count = before.Count + 1, RetryAt = now + (s_firstWait * Math.Pow(2, before.Count)), Error = error.Message });
        var relativeName = layout.RelativeName(path);
        if (attempts.Count >= StuckFiles.MaxAttempts)
        {
            logger.LogError("{FileName} could not be ingested after {Attempts} tries (last: {Error}); it is left in the inbox and not published again " +
                "until it changes. If its folder is read-only, make it writable (or move the file out yourself), then touch the file to have it taken again.",
                relativeName, attempts.Count, error.Message);
            WriteList();
        }
        else
        {
            logger.LogWarning("{FileName} could not be ingested ({Error}); it stays in the inbox, try {Attempt} of {MaxAttempts}, the next after {RetryAt:u}",
                relativeName, error.Message, attempts.Count, StuckFiles.MaxAttempts, attempts.RetryAt);
        }
    }

    /// <summary><paramref name="path"/> was ingested (or found gone).</summary>
    public void Succeeded(string path) => Forget(path);

    /// <summary>The files given up on, as listed for <c>aigov status</c>.</summary>
    public IReadOnlyList<StuckFile> GivenUp() =>
        _files.Where(pair => pair.Value.Count >= StuckFiles.MaxAttempts)
            .Select(pair => new StuckFile(layout.RelativeName(pair.Key), pair.Value.Count, pair.Value.Error, pair.Value.Since))
            .OrderBy(file => file.FileName, StringComparer.Ordinal)
            .ToList();

    private void Forget(string path)
    {
        if (_files.TryRemove(path, out var attempts) && attempts.Count >= StuckFiles.MaxAttempts)
        {
            WriteList();
        }
    }

    /// <summary>Replaces the list file as a whole (written beside it, then renamed), or removes it when empty.</summary>
    private void WriteList()
    {
        lock (_listLock)
        {
            var path = Path.Combine(layout.Root, StuckFiles.FileName);
            try
            {
                var files = GivenUp();
                if (files.Count == 0)
                {
                    File.Delete(path);
                    return;
                }
                var temporary = path + ".tmp";
                File.WriteAllText(temporary, JsonSerializer.Serialize(files, s_json));
                File.Move(temporary, path, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning("Could not write the list of files left in the inbox to {Path}: {Error}", path, e.Message);
            }
        }
    }

    private sealed record Attempts(int Count, DateTimeOffset RetryAt, long Size, DateTime LastWrite, string Error, DateTimeOffset Since);
}
