using System.Diagnostics;
using AiGov.Tests.Shared;

namespace AiGov.IntegrationTests.Infrastructure;

/// <summary>One pipeline service run as its own process from its build output, as scripts/up.sh runs it.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ProcessLog _log;

    private ServiceProcess(string name, Process process, ProcessLog log, Uri baseAddress)
    {
        Name = name;
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
    }

    public string Name { get; }
    public string LogPath => _log.Path;

    /// <summary>User plus system CPU time the process has used so far (Linux: /proc/PID/stat).</summary>
    public TimeSpan CpuTime()
    {
        // Fields 14 and 15 (utime, stime) in clock ticks of 1/100 s, counted after the parenthesised command name.
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>The live processes this one started.</summary>
    public IReadOnlyList<int> ChildProcessIds() => ChildProcesses.Of(_process.Id);

    public Uri BaseAddress { get; }

    public static ServiceProcess Start(string projectName, IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        var dll = Path.Combine(RepositoryPaths.Root, "services", projectName, "bin", RepositoryPaths.Configuration, "net10.0", projectName + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException(
                $"{dll} does not exist: build the solution in {RepositoryPaths.Configuration} first (dotnet build -c {RepositoryPaths.Configuration}; scripts/test.sh does).", dll);
        }
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        start.Environment["Urls"] = baseAddress.ToString();
        start.Environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0";

        var log = new ProcessLog(Path.Combine(logDirectory, projectName + ".log"));
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        log.Capture(process);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServiceProcess(projectName, process, log, baseAddress);
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was ready:\n{Tail()}");
            }
            try
            {
                if ((await http.GetAsync(new Uri(BaseAddress, "/health/ready"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds:0} s:\n{Tail()}");
    }

    public string Tail(int lines = 40) => _log.Tail(lines);

    public string ReadLog() => _log.ReadAll();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _log.Dispose();
    }
}
