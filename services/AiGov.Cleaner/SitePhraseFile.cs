using AiGov.Text.Boilerplate;

namespace AiGov.Cleaner;

/// <summary>
/// The site phrases file (<c>Cleaning:SitePhrasesPath</c>, written by <c>scripts/aigov site-phrases</c>): read at
/// start and again when it changes (checked at most every <see cref="RecheckInterval"/>), so a newly mined file takes
/// effect without a restart. No path, or no file yet, means no site phrases. A file that does not parse is reported
/// and the previous phrases stay in use.
/// </summary>
public sealed class SitePhraseFile(IConfiguration configuration, ILogger<SitePhraseFile> logger, TimeProvider time)
{
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(10);

    private readonly string? _path = configuration["Cleaning:SitePhrasesPath"] is { Length: > 0 } path ? Path.GetFullPath(path) : null;
    private readonly Lock _gate = new();
    private SitePhrases _current = SitePhrases.Empty;
    private (DateTime WrittenAt, long Length)? _loaded;
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;
    private bool _missingLogged;

    /// <summary>The phrases now in force.</summary>
    public SitePhrases Current
    {
        get
        {
            if (_path is null)
            {
                return SitePhrases.Empty;
            }

            lock (_gate)
            {
                var now = time.GetUtcNow();
                if (now - _checkedAt >= RecheckInterval)
                {
                    _checkedAt = now;
                    Refresh(_path);
                }

                return _current;
            }
        }
    }

    private void Refresh(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            if (!_missingLogged)
            {
                logger.LogInformation("No site phrases at {Path} yet; run scripts/aigov site-phrases --out {Path} once documents are stored", path, path);
                _missingLogged = true;
            }

            _current = SitePhrases.Empty;
            _loaded = null;
            return;
        }

        var version = (file.LastWriteTimeUtc, file.Length);
        if (_loaded == version)
        {
            return;
        }

        try
        {
            _current = SitePhrases.Parse(File.ReadAllText(path), path);
            _loaded = version;
            _missingLogged = false;
            logger.LogInformation("Site phrases loaded from {Path}: {Phrases} phrases of {Sites} sites", path, _current.PhraseCount, _current.SiteCount);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            _loaded = version;
            logger.LogError("Site phrases at {Path} not loaded ({Error}); the previous ones ({Phrases} phrases) stay in use -- fix or regenerate the file with scripts/aigov site-phrases",
                path, e.Message, _current.PhraseCount);
        }
    }
}
