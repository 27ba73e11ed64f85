using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace AiGov.Watcher;

/// <summary>Finds files in the inbox — a scan at start, file-system events, and a periodic rescan as a safety net —
/// and passes each through two stages: many files wait at once until they are completely written (holding only
/// their path), then a few at a time (<see cref="PipelineOptions.MaxConcurrentFiles"/>) are read, published and
/// moved. Only those few hold file contents in memory. A path is queued at most once at a time.</summary>
public sealed class InboxWatcherService(
    InboxLayout layout, FileAdmitter admitter, FileIngestor ingestor, UnmovableFiles unmovable, IOptions<PipelineOptions> options,
    ILogger<InboxWatcherService> logger)
    : BackgroundService
{
    private readonly Channel<string> _pending = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Channel<string> _written = Channel.CreateBounded<string>(options.Value.MaxConcurrentFiles);
    private readonly ConcurrentDictionary<string, byte> _queued = new(StringComparer.Ordinal);
    private FileSystemWatcher? _watcher;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Watching {Inbox} (processed: {Processed}, failed: {Failed})", layout.Inbox, layout.Processed, layout.Failed);
        StartWatcher();
        var found = Scan(layout.Inbox);
        logger.LogInformation("Start-up scan queued {Count} file(s)", found);

        var workers = Enumerable.Range(0, options.Value.MaxFilesSettling).Select(_ => AwaitWrittenAsync(stoppingToken))
            .Concat(Enumerable.Range(0, options.Value.MaxConcurrentFiles).Select(_ => IngestWrittenAsync(stoppingToken)))
            .ToList();
        workers.Add(RescanPeriodicallyAsync(stoppingToken));
        try
        {
            await Task.WhenAll(workers);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _watcher?.Dispose();
        }
    }

    private async Task AwaitWrittenAsync(CancellationToken stoppingToken)
    {
        await foreach (var path in _pending.Reader.ReadAllAsync(stoppingToken))
        {
            var readiness = Readiness.Gone;
            try
            {
                (readiness, _) = await admitter.WaitUntilWrittenAsync(path, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                logger.LogError("Could not check whether {Path} is completely written: {Error}. It stays in the inbox and is retried at the next rescan.", path, e.Message);
            }
            switch (readiness)
            {
                case Readiness.Written:
                    await _written.Writer.WriteAsync(path, stoppingToken);
                    break;
                case Readiness.StillBeingWritten:
                    _ = RequeueLaterAsync(path, stoppingToken);
                    break;
                default:
                    _queued.TryRemove(path, out _);
                    break;
            }
        }
    }

    private async Task IngestWrittenAsync(CancellationToken stoppingToken)
    {
        await foreach (var path in _written.Reader.ReadAllAsync(stoppingToken))
        {
            var outcome = IngestOutcome.Done;
            try
            {
                outcome = await ingestor.IngestAsync(path, stoppingToken);
                unmovable.Succeeded(path);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                // The file stays in the inbox; a rescan tries it again after a wait, a few times at most.
                unmovable.Failed(path, e);
            }
            finally
            {
                if (outcome == IngestOutcome.NotReady)
                {
                    _ = RequeueLaterAsync(path, stoppingToken);
                }
                else
                {
                    _queued.TryRemove(path, out _);
                }
            }
        }
    }

    /// <summary>Back to the end of the queue after a pause: files that are ready go first, and the path stays marked
    /// as queued meanwhile, so no event queues it twice.</summary>
    private async Task RequeueLaterAsync(string path, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(options.Value.SettleMilliseconds, 1000)), stoppingToken);
            _pending.Writer.TryWrite(path);
        }
        catch (OperationCanceledException)
        {
            _queued.TryRemove(path, out _);
        }
    }

    private async Task RescanPeriodicallyAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RescanSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var found = Scan(layout.Inbox);
            if (found > 0)
            {
                logger.LogInformation("Rescan queued {Count} file(s) that no event announced", found);
            }
        }
    }

    /// <summary>Queues every file below <paramref name="directory"/>; does not descend into linked directories.</summary>
    private int Scan(string directory)
    {
        var count = 0;
        var folders = new Stack<DirectoryInfo>();
        folders.Push(new DirectoryInfo(directory));
        while (folders.TryPop(out var folder))
        {
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = folder.EnumerateFileSystemInfos().ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning("Cannot list {Folder}: {Error}", folder.FullName, e.Message);
                continue;
            }
            foreach (var entry in entries)
            {
                if (InboxNames.IsTemporary(entry.Name))
                {
                    continue;
                }
                if (entry is DirectoryInfo subfolder && entry.LinkTarget is null)
                {
                    folders.Push(subfolder);
                }
                else if (Enqueue(entry.FullName))
                {
                    count++;
                }
            }
        }
        return count;
    }

    private bool Enqueue(string path) => !unmovable.IsWaiting(path) && _queued.TryAdd(path, 0) && _pending.Writer.TryWrite(path);

    private void StartWatcher()
    {
        _watcher?.Dispose();
        _watcher = new FileSystemWatcher(layout.Inbox)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        _watcher.Created += (_, e) => OnPathEvent(e.FullPath);
        _watcher.Changed += (_, e) => OnPathEvent(e.FullPath);
        _watcher.Renamed += (_, e) => OnPathEvent(e.FullPath);
        _watcher.Error += (_, e) => OnWatcherError(e.GetException());
        _watcher.EnableRaisingEvents = true;
    }

    private void OnPathEvent(string path)
    {
        var name = Path.GetFileName(path);
        if (InboxNames.IsTemporary(name))
        {
            return;
        }
        // A folder moved in arrives as one event: its files need a scan.
        if (Directory.Exists(path) && new DirectoryInfo(path).LinkTarget is null)
        {
            Scan(path);
        }
        else
        {
            Enqueue(path);
        }
    }

    /// <summary>For tests: stops the file-system events, as an inotify overflow does, without raising the error.</summary>
    internal void StopEventsAsAnOverflowWould()
    {
        if (_watcher is { } watcher)
        {
            watcher.EnableRaisingEvents = false;
        }
    }

    /// <summary>An inotify overflow stops every watcher of the process: start a new one and rescan, so nothing
    /// dropped meanwhile is missed.</summary>
    internal void OnWatcherError(Exception error)
    {
        logger.LogWarning("File-system watcher failed ({Error}); restarting it and rescanning the inbox", error.Message);
        try
        {
            StartWatcher();
        }
        catch (Exception e) when (e is IOException or ArgumentException)
        {
            logger.LogError("Could not restart the file-system watcher: {Error}; the periodic rescan still finds new files", e.Message);
        }
        Scan(layout.Inbox);
    }
}
