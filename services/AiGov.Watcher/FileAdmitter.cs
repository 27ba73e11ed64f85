using System.Security.Cryptography;
using AiGov.Text;
using Microsoft.Extensions.Options;

namespace AiGov.Watcher;

/// <summary>Waits until a file is completely written, then accepts it with its bytes or refuses it with a reason.
/// A refused file is read only to hash it, and a link that leads out of the inbox is never read at all.</summary>
public sealed class FileAdmitter(InboxLayout layout, IOptions<PipelineOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan s_minimumPoll = TimeSpan.FromMilliseconds(50);

    /// <summary>Null when the file disappeared (moved away by its writer, or already handled).</summary>
    public async Task<Admission?> AdmitAsync(string path, CancellationToken cancellationToken)
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
        // A linked folder on the way can lead out of the inbox: what lies there is not the inbox's to read.
        if (RealPathOrNull(path) is not { } realPath || !layout.IsInsideInbox(realPath))
        {
            return new Refused(relativeName, 0, info.LastWriteTimeUtc, null, RejectionReasons.OutsideInbox,
                $"'{relativeName}' lies in a linked folder that leads outside the inbox; it was not read. Copy the file itself into the inbox.");
        }

        while (true)
        {
            if (!await WaitUntilSettledAsync(info, cancellationToken))
            {
                return null;
            }
            var (size, lastWrite) = (info.Length, info.LastWriteTimeUtc);
            var admission = await JudgeAsync(info, relativeName, cancellationToken);
            info.Refresh();
            // Written to while we read it: wait for it to settle again.
            if (admission is not null && info.Exists && (info.Length != size || info.LastWriteTimeUtc != lastWrite))
            {
                continue;
            }
            return admission;
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

    private async Task<Admission?> JudgeAsync(FileInfo info, string relativeName, CancellationToken cancellationToken)
    {
        var (size, lastWrite) = (info.Length, info.LastWriteTimeUtc);
        var maxBytes = options.Value.MaxFileBytes;
        try
        {
            if (size == 0)
            {
                return new Refused(relativeName, 0, lastWrite, ContentFingerprint.Sha256Hex(ReadOnlySpan<byte>.Empty),
                    RejectionReasons.Empty, $"'{relativeName}' is empty (0 bytes).");
            }
            var format = SourceFormats.FromFileName(info.Name);
            if (format is null && info.Extension.Length > 0)
            {
                return new Refused(relativeName, size, lastWrite, await HashFileAsync(info, cancellationToken), RejectionReasons.UnsupportedType,
                    $"'{relativeName}': files of type '{info.Extension}' are not supported; drop .txt, .md or .html files.");
            }
            if (size > maxBytes)
            {
                return new Refused(relativeName, size, lastWrite, await HashFileAsync(info, cancellationToken), RejectionReasons.TooLarge,
                    $"'{relativeName}' has {size:N0} bytes, more than the limit of {maxBytes:N0} (Pipeline__MaxFileBytes).");
            }

            var content = await File.ReadAllBytesAsync(info.FullName, cancellationToken);
            var sha = ContentFingerprint.Sha256Hex(content);
            if (ContentSniffer.LooksBinary(content))
            {
                return new Refused(relativeName, content.Length, lastWrite, sha, RejectionReasons.NotText,
                    $"'{relativeName}' holds binary content, not text.");
            }
            return new Accepted(relativeName, content.Length, lastWrite, sha, content);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Refused(relativeName, size, lastWrite, null, RejectionReasons.Unreadable,
                $"'{relativeName}' could not be read: {e.Message}. Check its permissions.");
        }
    }

    /// <summary>True once size and modification time have stayed the same for the settle interval.</summary>
    private async Task<bool> WaitUntilSettledAsync(FileInfo info, CancellationToken cancellationToken)
    {
        var settle = TimeSpan.FromMilliseconds(options.Value.SettleMilliseconds);
        (long Size, DateTime LastWrite)? previous = null;
        var unchangedSince = clock.GetUtcNow().UtcDateTime;
        while (true)
        {
            info.Refresh();
            if (!info.Exists)
            {
                return false;
            }
            var current = (info.Length, info.LastWriteTimeUtc);
            var now = clock.GetUtcNow().UtcDateTime;
            if (previous != current)
            {
                unchangedSince = now;
            }
            // A modification time in the future (another machine's clock, a preserved timestamp) says nothing
            // about quiet: then what was watched here counts.
            var quietFor = TimeSpan.FromTicks(Math.Max((now - current.LastWriteTimeUtc).Ticks, (now - unchangedSince).Ticks));
            if (previous == current && quietFor >= settle)
            {
                return true;
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

    private static async Task<string> HashFileAsync(FileInfo info, CancellationToken cancellationToken)
    {
        await using var stream = info.OpenRead();
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
