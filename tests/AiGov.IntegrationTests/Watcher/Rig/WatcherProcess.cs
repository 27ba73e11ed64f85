using System.Diagnostics;
using AiGov.IntegrationTests.Infrastructure;

namespace AiGov.IntegrationTests.Watcher.Rig;

/// <summary>The watcher run from its build output as a child process that a test may SIGKILL and start again,
/// optionally as an unprivileged user (root reads every file, so a permission test needs someone who cannot).</summary>
public sealed class WatcherProcess : IAsyncDisposable
{
    private const int NobodyId = 65534;

    private readonly Process _process;
    private readonly ProcessLog _log;

    private WatcherProcess(Process process, ProcessLog log, Uri baseAddress)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static WatcherProcess Start(IReadOnlyDictionary<string, string> environment, string logPath, bool asNobody = false)
    {
        var dll = Path.Combine(RepositoryPaths.Root, "services", "AiGov.Watcher", "bin", RepositoryPaths.Configuration, "net10.0", "AiGov.Watcher.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} does not exist: dotnet build services/AiGov.Watcher -c {RepositoryPaths.Configuration}", dll);
        }
        var start = asNobody
            ? new ProcessStartInfo("setpriv", ["--reuid", $"{NobodyId}", "--regid", $"{NobodyId}", "--clear-groups", "--", "dotnet", dll])
            : new ProcessStartInfo("dotnet", [dll]);
        start.WorkingDirectory = Path.GetDirectoryName(dll)!;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        start.Environment["Urls"] = baseAddress.ToString();
        start.Environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0";
        if (asNobody)
        {
            start.Environment["HOME"] = Path.GetTempPath();
            start.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        }

        var log = new ProcessLog(logPath);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        log.Capture(process);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WatcherProcess(process, log, baseAddress);
    }

    /// <summary>Ready once the health endpoint answers, which it does only after the broker was reached.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, Func<string> logTail)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The watcher exited with code {_process.ExitCode}:\n{logTail()}");
            }
            try
            {
                if ((await http.GetAsync(new Uri(BaseAddress, "/health/ready"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The watcher was not ready within {timeout.TotalSeconds:0} s:\n{logTail()}");
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a power cut or the OOM killer.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Peak resident set size so far (VmHWM), in bytes; null once the process is gone.</summary>
    public long? PeakResidentBytes()
    {
        try
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        _log.Dispose();
    }
}
