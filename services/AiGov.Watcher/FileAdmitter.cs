using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using AiGov.Text;
using Microsoft.Extensions.Options;

namespace AiGov.Watcher;

/// <summary>Where a file stands before it may be read.</summary>
public enum Readiness
{
    Written,
    Gone,
    StillBeingWritten,
}

/// <summary>Waits until a file is completely written, then accepts it with its bytes or refuses it with a reason.
/// A refused file is read only to hash it, and a link that leads out of the inbox is never read at all.
/// Completely written means: size and modification time unchanged for the settle interval, and no process holding
/// it open for writing. A file that is not there within <see cref="PipelineOptions.MaxReadinessWaitMilliseconds"/>
/// comes back as <see cref="StillBeingWritten"/>, so a writer that never finishes cannot occupy a slot forever.</summary>
public sealed class FileAdmitter(InboxLayout layout, IOptions<PipelineOptions> options, TimeProvider clock, IOpenFileWriters writers)
{
    private static readonly TimeSpan s_minimumPoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_writerPoll = TimeSpan.FromMilliseconds(200);

    /// <summary>Waits until the file is completely written, then judges it. Null when the file disappeared (moved
    /// away by its writer, or already handled).</summary>
    public async Task<Admission?> AdmitAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (readiness, why) = await WaitUntilWrittenAsync(path, cancellationToken);
            if (readiness == Readiness.Gone)
            {
                return null;
            }
            if (readiness == Readiness.StillBeingWritten)
            {
                return new StillBeingWritten(layout.RelativeName(path), why);
            }
            var admission = await AdmitWrittenAsync(path, cancellationToken);
            // Written to while we read it: wait for it to settle again.
            if (admission is not StillBeingWritten)
            {
                return admission;
            }
        }
    }

    /// <summary>Waits (reading nothing) until the file is completely written, it is gone, or one attempt's time is
    /// up. Links are judged without waiting: they are never read.</summary>
    public async Task<(Readiness Readiness, string Why)> WaitUntilWrittenAsync(string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            return (Readiness.Written, string.Empty);
        }
        if (!info.Exists)
        {
            return (Readiness.Gone, string.Empty);
        }
        if (RealPathOrNull(path) is not { } realPath || !layout.IsInsideInbox(realPath))
        {
            return (Readiness.Written, string.Empty);
        }

        // Never shorter than two settle intervals, or a file could never settle within one attempt.
        var attemptLength = Math.Max(options.Value.MaxReadinessWaitMilliseconds, 2 * options.Value.SettleMilliseconds);
        var giveUpAt = clock.GetUtcNow().UtcDateTime.AddMilliseconds(attemptLength);
        while (true)
        {
            var (settled, seenAt) = await WaitUntilSettledAsync(info, giveUpAt, cancellationToken);
            if (settled != Readiness.Written)
            {
                return (settled, "its size or modification time keeps changing");
            }
            if (!await writers.IsOpenForWritingAsync(realPath, seenAt, cancellationToken))
            {
                return (Readiness.Written, string.Empty);
            }
            if (clock.GetUtcNow().UtcDateTime >= giveUpAt)
            {
                return (Readiness.StillBeingWritten, "a process holds it open for writing");
            }
            await Task.Delay(s_writerPoll, clock, cancellationToken);
        }
    }

    /// <summary>Judges a file found completely written: accepted with its bytes, or refused. Comes back as
    /// <see cref="StillBeingWritten"/> when the file changed while it was read.</summary>
    public async Task<Admission?> AdmitWrittenAsync(string path, CancellationToken cancellationToken)
    {
        var relativeName = layout.RelativeName(path);
        var info = new FileInfo(path);
        if (!info.Exists && info.LinkTarget is null)
        {
            return null;
        }
        if (info.LinkTarget is not null)
        {
            return AdmitLink(info, relativeName);
        }
        // Opened folder by folder without following links: a linked folder on the way (there from the start, or swapped
        // in since the checks above) can lead out of the inbox, and what lies there is not the inbox's to read.
        SafeFileHandle folder, file;
        try
        {
            (folder, file) = InboxEntry.OpenFile(layout.Inbox, Path.GetRelativePath(layout.Inbox, path));
        }
        catch (LinkOnTheWayException)
        {
            return new Refused(relativeName, 0, info.LastWriteTimeUtc, null, RejectionReasons.OutsideInbox,
                $"'{relativeName}' lies in a linked folder that leads outside the inbox (or is a link itself); it was not read. Copy the file itself into the inbox.");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Refused(relativeName, 0, info.LastWriteTimeUtc, null, RejectionReasons.Unreadable,
                $"'{relativeName}' could not be opened: {e.Message}. Check its permissions.");
        }
        using (folder)
        using (file)
        {
            if (RegularFileLength(file) is not { } size)
            {
                return new Refused(relativeName, 0, info.LastWriteTimeUtc, null, RejectionReasons.Unreadable,
                    $"'{relativeName}' is not a regular file (a pipe, a socket, a device or a folder); it was not read.");
            }
            var lastWrite = File.GetLastWriteTimeUtc(file);
            var admission = await JudgeAsync(file, info.Name, size, lastWrite, relativeName, cancellationToken);
            if (admission is not null && (RandomAccess.GetLength(file) != size || File.GetLastWriteTimeUtc(file) != lastWrite))
            {
                return new StillBeingWritten(relativeName, "it changed while it was read");
            }
            return admission;
        }
    }

    /// <summary>The length of an opened regular file; null for a folder (swapped in since the checks) and for what
    /// cannot seek (a pipe, a socket).</summary>
    private static long? RegularFileLength(SafeFileHandle file)
    {
        if (File.GetAttributes(file).HasFlag(FileAttributes.Directory))
        {
            return null;
        }
        try
        {
            return RandomAccess.GetLength(file);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private Refused AdmitLink(FileInfo link, string relativeName)
    {
        string? realTarget;
        try
        {
            var target = link.ResolveLinkTarget(returnFinalTarget: true);
            realTarget = target is null ? null : InboxLayout.RealPath(target.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A loop of links leads nowhere: refused like a link out of the inbox, and never retried.
            return new Refused(relativeName, 0, link.LastWriteTimeUtc, null, RejectionReasons.OutsideInbox,
                $"'{relativeName}' is a symbolic link to '{link.LinkTarget}' that cannot be resolved ({e.Message}); it was not followed. Copy the file itself into the inbox.");
        }
        if (realTarget is null || !layout.IsInsideInbox(realTarget))
        {
            return new Refused(relativeName, 0, link.LastWriteTimeUtc, null, RejectionReasons.OutsideInbox,
                $"'{relativeName}' is a symbolic link to '{link.LinkTarget}', outside the inbox; it was not followed. Copy the file itself into the inbox.");
        }
        return new Refused(relativeName, 0, link.LastWriteTimeUtc, null, RejectionReasons.UnsupportedType,
            $"'{relativeName}' is a symbolic link to '{link.LinkTarget}' inside the inbox; the target is ingested on its own.");
    }

    /// <summary>Judges the opened file from what its handle says and holds: at most <c>MaxFileBytes</c> + 1 bytes are
    /// read to keep it, and a refused file is read only to hash it.</summary>
    private async Task<Admission?> JudgeAsync(SafeFileHandle file, string name, long size, DateTime lastWrite, string relativeName, CancellationToken cancellationToken)
    {
        var maxBytes = options.Value.MaxFileBytes;
        try
        {
            if (size == 0)
            {
                return new Refused(relativeName, 0, lastWrite, ContentFingerprint.Sha256Hex(ReadOnlySpan<byte>.Empty),
                    RejectionReasons.Empty, $"'{relativeName}' is empty (0 bytes).");
            }
            var format = SourceFormats.FromFileName(name);
            var extension = Path.GetExtension(name);
            if (format is null && extension.Length > 0)
            {
                return new Refused(relativeName, size, lastWrite, await HashAsync(file, cancellationToken), RejectionReasons.UnsupportedType,
                    $"'{relativeName}': files of type '{extension}' are not supported; drop .txt, .md or .html files.");
            }
            if (size > maxBytes)
            {
                return new Refused(relativeName, size, lastWrite, await HashAsync(file, cancellationToken), RejectionReasons.TooLarge,
                    $"'{relativeName}' has {size:N0} bytes, more than the limit of {maxBytes:N0} (Pipeline__MaxFileBytes).");
            }

            if (await ReadExactlyAsync(file, size, cancellationToken) is not { } content)
            {
                // It grew or shrank since its size was read: judged again once it settles.
                return new StillBeingWritten(relativeName, "its size changed while it was read");
            }
            var sha = ContentFingerprint.Sha256Hex(content);
            // PDF and DOCX are binary by nature: the cleaner judges whether it can read them.
            if (!(format is { } known && SourceFormats.IsBinaryFormat(known)) && ContentSniffer.LooksBinary(content))
            {
                return new Refused(relativeName, content.Length, lastWrite, sha, RejectionReasons.NotText,
                    $"'{relativeName}' holds binary content, not text.");
            }
            return new Accepted(relativeName, content.Length, lastWrite, sha, content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Refused(relativeName, size, lastWrite, null, RejectionReasons.Unreadable,
                $"'{relativeName}' could not be read: {e.Message}. Check its permissions.");
        }
    }

    /// <summary>The file's <paramref name="size"/> bytes (at most <c>MaxFileBytes</c>, checked before), or null when
    /// the file holds fewer or more: nothing past the size is read but one byte to see that the file ends there.</summary>
    private static async Task<byte[]?> ReadExactlyAsync(SafeFileHandle file, long size, CancellationToken cancellationToken)
    {
        var content = new byte[size];
        var total = 0;
        while (total < content.Length)
        {
            var read = await RandomAccess.ReadAsync(file, content.AsMemory(total), total, cancellationToken);
            if (read == 0)
            {
                return null;
            }
            total += read;
        }
        var beyond = new byte[1];
        return await RandomAccess.ReadAsync(file, beyond, size, cancellationToken) == 0 ? content : null;
    }

    /// <summary>Settled once size and modification time have stayed the same for the settle interval. A modification
    /// time already older than the interval settles at first sight: every write moves it, so nothing was written
    /// since (and a writer still holding the file open is caught by the writer check).</summary>
    private async Task<(Readiness Readiness, long SeenAt)> WaitUntilSettledAsync(FileInfo info, DateTime giveUpAt, CancellationToken cancellationToken)
    {
        var settle = TimeSpan.FromMilliseconds(options.Value.SettleMilliseconds);
        (long Size, DateTime LastWrite)? previous = null;
        var unchangedSince = clock.GetUtcNow().UtcDateTime;
        while (true)
        {
            var seenAt = clock.GetTimestamp();
            info.Refresh();
            if (!info.Exists)
            {
                return (Readiness.Gone, seenAt);
            }
            var current = (info.Length, info.LastWriteTimeUtc);
            var now = clock.GetUtcNow().UtcDateTime;
            if (previous != current)
            {
                unchangedSince = now;
            }
            // A modification time in the future (another machine's clock, a preserved timestamp) says nothing
            // about quiet: then what was watched here counts.
            var sinceLastWrite = now - current.LastWriteTimeUtc;
            var quietFor = TimeSpan.FromTicks(Math.Max(sinceLastWrite.Ticks, (now - unchangedSince).Ticks));
            if (quietFor >= settle && (previous == current || sinceLastWrite >= settle))
            {
                return (Readiness.Written, seenAt);
            }
            if (now >= giveUpAt)
            {
                return (Readiness.StillBeingWritten, seenAt);
            }
            previous = current;
            var wait = settle - quietFor;
            await Task.Delay(wait > s_minimumPoll ? wait : s_minimumPoll, clock, cancellationToken);
        }
    }

    private static string? RealPathOrNull(string path)
    {
        try
        {
            return InboxLayout.RealPath(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static async Task<string> HashAsync(SafeFileHandle file, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long offset = 0;
        int read;
        while ((read = await RandomAccess.ReadAsync(file, buffer, offset, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            offset += read;
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
