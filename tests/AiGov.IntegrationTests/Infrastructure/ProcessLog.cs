using System.Diagnostics;

namespace AiGov.IntegrationTests.Infrastructure;

/// <summary>A child process's standard output and error, appended line by line to one file that tests can read
/// the end of while the process runs.</summary>
public sealed class ProcessLog : IDisposable
{
    private readonly StreamWriter _writer;

    public ProcessLog(string path)
    {
        Path = path;
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    public string Path { get; }

    /// <summary>Call before <see cref="Process.Start()"/>; then BeginOutputReadLine and BeginErrorReadLine.</summary>
    public void Capture(Process process)
    {
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
    }

    public string Tail(int lines = 40)
    {
        try
        {
            return string.Join('\n', ReadAll().Split('\n').TakeLast(lines));
        }
        catch (IOException e)
        {
            return $"(log {Path} unreadable: {e.Message})";
        }
    }

    /// <summary>Everything written so far (the process may still be writing).</summary>
    public string ReadAll()
    {
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    public void Dispose()
    {
        lock (_writer)
        {
            _writer.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_writer)
        {
            if (_writer.BaseStream.CanWrite)
            {
                _writer.WriteLine(line);
            }
        }
    }
}
