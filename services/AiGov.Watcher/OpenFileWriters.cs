using System.Globalization;
using System.IO.Enumeration;
using System.Runtime.InteropServices;
using System.Text;

namespace AiGov.Watcher;

/// <summary>Tells whether some process still holds a file open for writing. A settle interval alone cannot see a
/// writer that pauses longer than the interval (a slow script, a stalled download); the open file descriptor can.</summary>
public interface IOpenFileWriters
{
    /// <summary>True when, at a moment no earlier than <paramref name="notBefore"/> (a <see cref="TimeProvider"/>
    /// timestamp), some process held <paramref name="realPath"/> open with write access.</summary>
    ValueTask<bool> IsOpenForWritingAsync(string realPath, long notBefore, CancellationToken cancellationToken);
}

/// <summary>Linux: reads every process's <c>/proc/PID/fd</c> links and, for the ones that lead into the inbox, the
/// access mode in <c>/proc/PID/fdinfo/FD</c>. One scan answers for every file waiting at that moment: callers
/// share the newest scan that started after they last saw their file settle, so the cost is one pass over /proc
/// per readiness cycle, not one per file (a pass over ~3,500 descriptors took 150–250 ms on the sandboxed build
/// machine, which is why many files wait for their check at once). Processes this user may not inspect (another
/// user's, when not root) and writers on other machines or in other PID namespaces are invisible: for them only the
/// settle interval holds.</summary>
public sealed class ProcOpenFileWriters(InboxLayout layout, TimeProvider clock, ILogger<ProcOpenFileWriters> logger) : IOpenFileWriters
{
    private const string Proc = "/proc";

    // O_ACCMODE: 1 is O_WRONLY, 2 is O_RDWR.
    private const int AccessModeMask = 3;

    // Skipping no attributes means no stat(2) per entry.
    private static readonly EnumerationOptions s_namesOnly = new() { AttributesToSkip = 0, IgnoreInaccessible = true };

    private readonly Lock _gate = new();
    private (long StartedAt, Task<WriterSnapshot> Scan)? _latest;
    private bool _unavailableLogged;

    public async ValueTask<bool> IsOpenForWritingAsync(string realPath, long notBefore, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<WriterSnapshot>? fresh = null;
            Task? running = null;
            lock (_gate)
            {
                if (_latest is { } latest && latest.StartedAt >= notBefore)
                {
                    fresh = latest.Scan;
                }
                else if (_latest is { Scan.IsCompleted: false } busy)
                {
                    running = busy.Scan;
                }
                else
                {
                    _latest = (clock.GetTimestamp(), Task.Run(ScanWriters, CancellationToken.None));
                    fresh = _latest.Value.Scan;
                }
            }
            if (fresh is not null)
            {
                return (await fresh.WaitAsync(cancellationToken)).Contains(realPath);
            }
            // One scan at a time: everyone who needs a newer one than the running scan shares the next.
            await running!.WaitAsync(cancellationToken);
        }
    }

    private WriterSnapshot ScanWriters()
    {
        if (!Directory.Exists(Path.Combine(Proc, "self", "fd")))
        {
            LogUnavailableOnce("there is no /proc/self/fd on this system");
            return WriterSnapshot.Empty;
        }
        var prefix = layout.InboxRealPath + Path.DirectorySeparatorChar;
        var open = new HashSet<string>(StringComparer.Ordinal);
        IEnumerable<string> processes;
        try
        {
            processes = Directory.EnumerateDirectories(Proc).Where(p => IsPid(Path.GetFileName(p))).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogUnavailableOnce(e.Message);
            return WriterSnapshot.Empty;
        }
        foreach (var process in processes)
        {
            AddWriters(process, prefix, open);
        }
        return new WriterSnapshot(open);
    }

    /// <summary>A process that ends or forbids a look while we scan is skipped: it holds nothing we can know of.</summary>
    private static void AddWriters(string process, string prefix, HashSet<string> open)
    {
        var buffer = new byte[4096];
        try
        {
            // Names only, and readlink(2) straight: the framework's link APIs stat every descriptor's target
            // (sockets, pipes), which made one pass over a busy machine's /proc take half a second instead of ms.
            // The names come from fdinfo/, whose entries are regular files: listing fd/ itself, the enumerator
            // still stats every entry because it is a symbolic link, and that was two thirds of the watcher's CPU
            // time with files arriving at 20/s (dotnet-trace, docs/PERFORMANCE.md).
            var descriptors = new FileSystemEnumerable<string>(Path.Combine(process, "fdinfo"), (ref entry) => entry.FileName.ToString(), s_namesOnly);
            foreach (var descriptor in descriptors)
            {
                var target = ReadLink(Path.Combine(process, "fd", descriptor), buffer);
                if (target is null || !target.StartsWith(prefix, StringComparison.Ordinal) || open.Contains(target))
                {
                    continue;
                }
                if (HasWriteAccess(Path.Combine(process, "fdinfo", descriptor)))
                {
                    open.Add(target);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>False also when the descriptor was closed since it was listed: one descriptor that goes away (rsync and
    /// cp close files all the time) must not end the look at the rest of that process's descriptors.</summary>
    private static bool HasWriteAccess(string fdinfoPath)
    {
        try
        {
            return HasWriteAccess(File.ReadAllLines(fdinfoPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string? ReadLink(string path, byte[] buffer)
    {
        var length = NativeMethods.readlink(path, buffer, buffer.Length);
        return length <= 0 ? null : Encoding.UTF8.GetString(buffer, 0, (int)length);
    }

    private static bool HasWriteAccess(string[] fdinfo)
    {
        foreach (var line in fdinfo)
        {
            if (line.StartsWith("flags:", StringComparison.Ordinal))
            {
                var octal = line["flags:".Length..].Trim();
                return Convert.ToInt32(octal, 8) is var flags && (flags & AccessModeMask) != 0;
            }
        }
        return false;
    }

    private static bool IsPid(string name) =>
        name.Length > 0 && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private void LogUnavailableOnce(string why)
    {
        lock (_gate)
        {
            if (_unavailableLogged)
            {
                return;
            }
            _unavailableLogged = true;
        }
        logger.LogWarning("Cannot see which processes hold inbox files open ({Why}); files are read once the settle interval has passed without a change", why);
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in this project for one call.
        public static extern nint readlink([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer, nint size);
#pragma warning restore SYSLIB1054
    }

    private sealed class WriterSnapshot(HashSet<string> openForWriting)
    {
        public static readonly WriterSnapshot Empty = new([]);

        public bool Contains(string realPath) => openForWriting.Contains(realPath);
    }
}
