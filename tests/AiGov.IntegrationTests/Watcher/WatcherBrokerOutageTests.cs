using System.Text;
using System.Text.RegularExpressions;
using AiGov.IntegrationTests.Watcher.Rig;
using Xunit;
using Xunit.Abstractions;

namespace AiGov.IntegrationTests.Watcher;

public sealed class WatcherBrokerOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task WhileTheBrokerIsUnreachable_FilesWaitInTheInbox_AndFlowByThemselvesOnceItIsBack()
    {
        await using var rig = await WatcherRig.CreateAsync(new WatcherSettings { SettleMilliseconds = 100, RescanSeconds = 5, BehindProxy = true }, output.WriteLine);
        await rig.StartWatcherAsync();
        rig.Drop("before/one.txt", "Published while the broker is there."u8.ToArray());
        await rig.Messages.WaitForFilesAsync(["before/one.txt"], TimeSpan.FromSeconds(30), () => rig.LogTail());

        rig.Proxy!.Cut();
        var names = Enumerable.Range(0, 200).Select(i => $"during/doc-{i:000}.txt").ToList();
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            rig.Drop(name, Encoding.UTF8.GetBytes($"Dropped while the broker was unreachable: {i}."));
        }
        var retryLine = new Regex(@"RabbitMQ \(publishing\) is not reachable \(attempt (\d+)");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (retryLine.Matches(rig.Log()).Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var log = rig.Log();
        Assert.True(retryLine.Matches(log).Count >= 2, $"no retry lines while the broker was cut:\n{rig.LogTail()}");
        Assert.Equal(names.Count, rig.InboxFiles().Count(f => f.StartsWith("during/", StringComparison.Ordinal)));
        Assert.False(rig.Watcher!.HasExited);

        rig.Proxy.Restore();
        var restoredAt = DateTime.UtcNow;
        var messages = await rig.Messages.WaitForFilesAsync(names, TimeSpan.FromSeconds(90), () => rig.LogTail());
        await rig.WaitUntilInboxIsEmptyAsync(TimeSpan.FromSeconds(60));
        output.WriteLine($"All {names.Count} files through {(DateTime.UtcNow - restoredAt).TotalSeconds:0.0} s after the broker came back");

        WatcherAssertions.OneDocumentIdPerFile(messages, ["before/one.txt", .. names]);
        Assert.Equal(names.Count + 1, WatcherRig.FilesBelow(rig.Processed).Count);
    }
}
