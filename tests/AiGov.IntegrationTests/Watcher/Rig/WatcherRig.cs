using AiGov.IntegrationTests.Infrastructure;

namespace AiGov.IntegrationTests.Watcher.Rig;

/// <summary>How a rig runs its watcher.</summary>
public sealed record WatcherSettings
{
    /// <summary>Null: the contract's default (500 ms).</summary>
    public int? SettleMilliseconds { get; init; }
    public int RescanSeconds { get; init; } = 30;
    public int? MaxConcurrentFiles { get; init; }
    public bool AsNobody { get; init; }

    /// <summary>Put the watcher behind a <see cref="TcpCutProxy"/> so a test can take the broker away.</summary>
    public bool BehindProxy { get; init; }
}

/// <summary>The watcher alone, as a child process, against a throwaway virtual host and data root, with every message it
/// publishes captured. No other service runs: what is checked is what the watcher promises — one document id per
/// file on the broker, the file moved out of the inbox — independent of the workers' state.</summary>
public sealed class WatcherRig : IAsyncDisposable
{
    private readonly TestServers _servers;
    private readonly ThrowawayVirtualHost _virtualHost;
    private readonly WatcherSettings _settings;
    private readonly Action<string>? _log;

    private WatcherRig(TestServers servers, ThrowawayVirtualHost virtualHost, CapturedMessages messages, TcpCutProxy? proxy,
        string dataRoot, WatcherSettings settings, Action<string>? log)
    {
        _servers = servers;
        _virtualHost = virtualHost;
        Messages = messages;
        Proxy = proxy;
        DataRoot = dataRoot;
        _settings = settings;
        _log = log;
    }

    public string DataRoot { get; }
    public string Inbox => Path.Combine(DataRoot, "inbox");
    public string Processed => Path.Combine(DataRoot, "processed");
    public string Failed => Path.Combine(DataRoot, "failed");
    public string Outside => Directory.CreateDirectory(Path.Combine(DataRoot, "outside")).FullName;
    public string LogPath => Path.Combine(DataRoot, "watcher.log");
    public CapturedMessages Messages { get; }
    public TcpCutProxy? Proxy { get; }
    public WatcherProcess? Watcher { get; private set; }
    public int Starts { get; private set; }

    /// <summary>Creates the rig; the watcher is not started yet, so files can be put in place before it runs.</summary>
    public static async Task<WatcherRig> CreateAsync(WatcherSettings settings, Action<string>? log = null)
    {
        var servers = await TestServers.StartAsync();
        var virtualHost = await ThrowawayVirtualHost.CreateAsync(servers.Rabbit);
        var messages = await CapturedMessages.StartAsync(servers.Rabbit, virtualHost.Name);
        var proxy = settings.BehindProxy ? TcpCutProxy.Start(servers.Rabbit.Host, servers.Rabbit.AmqpPort) : null;
        var dataRoot = Path.Combine(Path.GetTempPath(), $"aigov-watcher-{Guid.NewGuid():N}"[..24]);
        foreach (var folder in new[] { "inbox", "processed", "failed" })
        {
            Directory.CreateDirectory(Path.Combine(dataRoot, folder));
        }
        if (settings.AsNobody)
        {
            // The unprivileged watcher must be able to move files and create folders here.
            foreach (var folder in new[] { dataRoot, Path.Combine(dataRoot, "inbox"), Path.Combine(dataRoot, "processed"), Path.Combine(dataRoot, "failed") })
            {
                UnixPermissions.Set(folder, UnixPermissions.Everyone);
            }
        }
        log?.Invoke($"Watcher rig: {servers.Origin}; virtual host {virtualHost.Name}; data root {dataRoot}");
        return new WatcherRig(servers, virtualHost, messages, proxy, dataRoot, settings, log);
    }

    /// <param name="waitUntilReady">False to return as soon as the process runs (it may already be moving files).</param>
    public async Task StartWatcherAsync(bool waitUntilReady = true)
    {
        var rabbit = _servers.Rabbit;
        var environment = new Dictionary<string, string>
        {
            ["RabbitMq__Host"] = rabbit.Host,
            ["RabbitMq__Port"] = (Proxy?.Port ?? rabbit.AmqpPort).ToString(),
            ["RabbitMq__VirtualHost"] = _virtualHost.Name,
            ["RabbitMq__Username"] = rabbit.Username,
            ["RabbitMq__Password"] = rabbit.Password,
            ["Pipeline__DataRoot"] = DataRoot,
            ["Pipeline__RescanSeconds"] = _settings.RescanSeconds.ToString(),
        };
        if (_settings.SettleMilliseconds is { } settle)
        {
            environment["Pipeline__SettleMilliseconds"] = settle.ToString();
        }
        if (_settings.MaxConcurrentFiles is { } concurrency)
        {
            environment["Pipeline__MaxConcurrentFiles"] = concurrency.ToString();
        }
        File.AppendAllText(LogPath, $"=== start {++Starts} at {DateTime.UtcNow:O}\n");
        Watcher = WatcherProcess.Start(environment, LogPath, _settings.AsNobody);
        if (waitUntilReady)
        {
            await Watcher.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), () => LogTail());
        }
    }

    public async Task KillWatcherAsync()
    {
        if (Watcher is not null)
        {
            await Watcher.DisposeAsync();
            Watcher = null;
        }
    }

    /// <summary>Writes a file straight into the inbox, the way <c>cp</c> does (no temporary name).</summary>
    public string Drop(string relativeName, byte[] content)
    {
        var path = Path.Combine(Inbox, relativeName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Files still in the inbox (links included), relative to it.</summary>
    public List<string> InboxFiles() => FilesBelow(Inbox);

    /// <summary>Files and links below <paramref name="folder"/>, relative to it; linked folders are listed, not entered.</summary>
    public static List<string> FilesBelow(string folder)
    {
        var found = new List<string>();
        var folders = new Stack<DirectoryInfo>();
        if (Directory.Exists(folder))
        {
            folders.Push(new DirectoryInfo(folder));
        }
        while (folders.TryPop(out var current))
        {
            foreach (var entry in current.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0 }))
            {
                if (entry is DirectoryInfo { LinkTarget: null } subfolder)
                {
                    folders.Push(subfolder);
                }
                else
                {
                    found.Add(Path.GetRelativePath(folder, entry.FullName).Replace(Path.DirectorySeparatorChar, '/'));
                }
            }
        }
        return found.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Waits until no file is left in the inbox (every one moved to processed/ or failed/).</summary>
    public Task WaitUntilInboxIsEmptyAsync(TimeSpan timeout) => WaitUntilInboxHoldsOnlyAsync([], timeout);

    /// <summary>Waits until the inbox holds exactly <paramref name="expected"/> (relative names): every other file has
    /// been moved to processed/ or failed/, which the watcher does only after the broker confirmed its message.</summary>
    public async Task WaitUntilInboxHoldsOnlyAsync(IReadOnlyCollection<string> expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (InboxFiles().Except(expected, StringComparer.Ordinal).ToList() is { Count: > 0 } left)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{left.Count} file(s) still in the inbox after {timeout.TotalSeconds:0} s, e.g. {string.Join(", ", left.Take(5))}\n{LogTail()}");
            }
            await Task.Delay(100);
        }
    }

    public string LogTail(int lines = 30)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return "--- watcher log (tail)\n" + string.Join('\n', new StreamReader(stream).ReadToEnd().Split('\n').TakeLast(lines));
        }
        catch (IOException e)
        {
            return $"(watcher log unreadable: {e.Message})";
        }
    }

    public string Log()
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    public async ValueTask DisposeAsync()
    {
        await KillWatcherAsync();
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }
        await Messages.DisposeAsync();
        await _virtualHost.DisposeAsync();
        await _servers.DisposeAsync();
        try
        {
            MakeWritable(DataRoot);
            Directory.Delete(DataRoot, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log?.Invoke($"Could not delete {DataRoot}: {e.Message}");
        }
    }

    private static void MakeWritable(string folder)
    {
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            if (file.LinkTarget is null)
            {
                UnixPermissions.AddOwnerReadWrite(file);
            }
        }
    }
}
