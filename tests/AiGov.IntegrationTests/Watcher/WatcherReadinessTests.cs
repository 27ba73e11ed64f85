using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using AiGov.IntegrationTests.Watcher.Rig;
using Xunit;
using Xunit.Abstractions;

namespace AiGov.IntegrationTests.Watcher;

public sealed class WatcherReadinessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SlowWriter_IsPublishedWhole_WhenTheRestArrivesTwoSecondsLater()
    {
        // The contract's default settle interval (500 ms): the two-second pause is four times longer.
        await using var rig = await WatcherRig.CreateAsync(new WatcherSettings(), output.WriteLine);
        await rig.StartWatcherAsync();
        var path = Path.Combine(rig.Inbox, "slow", "written-by-a-script.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        const string firstHalf = "The first half of a report on AI audits, written before the script paused.\n";
        const string secondHalf = "The second half, written two seconds later by the same open descriptor.\n";

        // Another process, as a user's script would be: it keeps the file open across the pause.
        using var writer = Process.Start(new ProcessStartInfo("bash",
            ["-c", $"exec 3>\"$1\"; printf '%s' \"$2\" >&3; sleep 2; printf '%s' \"$3\" >&3; exec 3>&-", "writer", path, firstHalf, secondHalf]))!;
        await writer.WaitForExitAsync();
        Assert.Equal(0, writer.ExitCode);

        var messages = await rig.Messages.WaitForFilesAsync(["slow/written-by-a-script.txt"], s_timeout, () => rig.LogTail());

        var message = Assert.Single(messages);
        Assert.Equal("DocumentArrived", message.Kind);
        Assert.True(message.ContentSha256 == Sha256(firstHalf + secondHalf),
            (message.ContentSha256 == Sha256(firstHalf) ? "published after the first half only" : "published content differs from what was written")
            + $"\n{rig.LogTail()}");
        await rig.WaitUntilInboxIsEmptyAsync(s_timeout);
        Assert.Equal(firstHalf + secondHalf, await File.ReadAllTextAsync(Path.Combine(rig.Processed, "slow", "written-by-a-script.txt")));
    }

    [Fact]
    public async Task TemporaryName_IsIgnored_UntilTheFileIsRenamed()
    {
        await using var rig = await WatcherRig.CreateAsync(new WatcherSettings { SettleMilliseconds = 200, RescanSeconds = 1 }, output.WriteLine);
        await rig.StartWatcherAsync();
        string[] temporary = ["download.html.crdownload", "copy.txt.part", "draft.md.tmp", "~lock.txt", ".hidden.txt"];
        foreach (var name in temporary)
        {
            rig.Drop(name, "<p>Still arriving.</p>"u8.ToArray());
        }
        rig.Drop("marker.txt", "A file dropped after the temporary ones."u8.ToArray());

        // Once the marker is through and out of the inbox, and a few rescans have passed, the temporary files would
        // have been seen.
        await rig.Messages.WaitForFilesAsync(["marker.txt"], s_timeout, () => rig.LogTail());
        await rig.WaitUntilInboxHoldsOnlyAsync(temporary, s_timeout);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal(temporary.Order(StringComparer.Ordinal), rig.InboxFiles());
        Assert.True(rig.Messages.All.Count == 1, $"expected only marker.txt, got: {string.Join(", ", rig.Messages.All.Select(m => m.FileName))}\n{rig.LogTail()}");

        File.Move(Path.Combine(rig.Inbox, "copy.txt.part"), Path.Combine(rig.Inbox, "copy.txt"));
        var messages = await rig.Messages.WaitForFilesAsync(["copy.txt"], s_timeout, () => rig.LogTail());

        Assert.Equal(2, messages.Count);
        // The watcher moves the file once the broker has confirmed the publish: on a busy machine, a moment after
        // the message is already consumed.
        var processed = Path.Combine(rig.Processed, "copy.txt");
        var deadline = DateTime.UtcNow + s_timeout;
        while (!File.Exists(processed) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.True(File.Exists(processed), $"{processed} missing\n{rig.LogTail()}");
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
