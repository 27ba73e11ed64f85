using System.Diagnostics;
using System.Net;
using AiGov.IntegrationTests.Infrastructure;

namespace AiGov.IntegrationTests.Reliability;

/// <summary>The storage service as a child process that, unlike <see cref="ServiceProcess"/>, can be sent SIGTERM
/// (Process.Kill is SIGKILL) and whose exit code and readiness status a test can read.</summary>
public sealed class StorageProcess : IAsyncDisposable
{
    private const string ProjectName = "AiGov.Storage";

    private readonly Process _process;
    private readonly ProcessLog _log;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(3) };

    private StorageProcess(Process process, ProcessLog log, Uri baseAddress)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
    }

    public string LogPath => _log.Path;
    public Uri BaseAddress { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    public static StorageProcess Start(IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var dll = Path.Combine(RepositoryPaths.Root, "services", ProjectName, "bin", RepositoryPaths.Configuration, "net10.0", ProjectName + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} does not exist: build the solution in {RepositoryPaths.Configuration} first.", dll);
        }
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
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
        start.Environment["Urls"] = baseAddress.ToString();

        var log = new ProcessLog(logPath);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        log.Capture(process);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new StorageProcess(process, log, baseAddress);
    }

    /// <summary>The status of <c>/health/ready</c>, or null when the process does not answer.</summary>
    public async Task<HttpStatusCode?> ReadinessAsync()
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(BaseAddress, "/health/ready"));
            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Polls <c>/health/ready</c> until it answers <paramref name="expected"/>; fails with the log tail if
    /// it does not within <paramref name="timeout"/> or the process exits.</summary>
    public async Task WaitForReadinessAsync(HttpStatusCode expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        HttpStatusCode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{ProjectName} exited with code {_process.ExitCode} while waiting for {(int)expected}:\n{Tail()}");
            }
            last = await ReadinessAsync();
            if (last == expected)
            {
                return;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException(
            $"{ProjectName} /health/ready did not answer {(int)expected} within {timeout.TotalSeconds:0} s (last: {(last is { } s ? (int)s : "no answer")}):\n{Tail()}");
    }

    /// <summary>Sends SIGTERM, as systemd, docker stop or scripts/down.sh do.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("/bin/kill", ["-TERM", Pid.ToString()]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {Pid} failed with exit code {kill.ExitCode}.");
        }
    }

    /// <summary>The exit code, or null when the process is still running after <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public string Tail(int lines = 40) => _log.Tail(lines);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _http.Dispose();
        _log.Dispose();
    }
}
