using System.Text;
using AiGov.IntegrationTests.Watcher.Rig;
using Xunit;
using Xunit.Abstractions;

namespace AiGov.IntegrationTests.Watcher;

public sealed class WatcherDiscoveryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task FilesPresentAtStartUp_AreIngested_InEverySubfolder()
    {
        await using var rig = await WatcherRig.CreateAsync(new WatcherSettings { SettleMilliseconds = 100, RescanSeconds = 3600 }, output.WriteLine);
        var names = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var name = $"{i % 3}/deeper-{i % 2}/before-start-{i:000}.txt";
            rig.Drop(name, Encoding.UTF8.GetBytes($"Policy note {i} written before the watcher started."));
            names.Add(name);
        }

        await rig.StartWatcherAsync();
        var messages = await rig.Messages.WaitForFilesAsync(names, s_timeout, () => rig.LogTail());
        await rig.WaitUntilInboxIsEmptyAsync(s_timeout);

        WatcherAssertions.OneDocumentIdPerFile(messages, names);
        Assert.Equal(names.Order(StringComparer.Ordinal), WatcherRig.FilesBelow(rig.Processed));
    }

    [Fact]
    public async Task FolderMovedIntoTheInbox_IsIngested_WithoutWaitingForTheRescan()
    {
        // An hour between rescans: only the folder's own event can find its files in time.
        await using var rig = await WatcherRig.CreateAsync(new WatcherSettings { SettleMilliseconds = 100, RescanSeconds = 3600 }, output.WriteLine);
        await rig.StartWatcherAsync();
        var staging = Path.Combine(rig.Outside, "batch-2025-03");
        var names = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            var relative = $"{(i % 2 == 0 ? "eu" : "cn/beijing")}/doc-{i:000}.md";
            var path = Path.Combine(staging, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, $"# Notice {i}\n\nA notice about AI labelling rules.\n");
            names.Add("batch-2025-03/" + relative);
        }

        Directory.Move(staging, Path.Combine(rig.Inbox, "batch-2025-03"));

        var messages = await rig.Messages.WaitForFilesAsync(names, TimeSpan.FromSeconds(60), () => rig.LogTail());
        await rig.WaitUntilInboxIsEmptyAsync(s_timeout);
        WatcherAssertions.OneDocumentIdPerFile(messages, names);
        Assert.Equal(names.Order(StringComparer.Ordinal), WatcherRig.FilesBelow(rig.Processed));
    }

    [Fact]
    public async Task BurstOfTenThousandFiles_GivesOneDocumentIdPerFile_AndEmptiesTheInbox()
    {
        await using var rig = await WatcherRig.CreateAsync(new WatcherSettings(), output.WriteLine);
        await rig.StartWatcherAsync();
        const int count = 10_000;
        var names = Enumerable.Range(0, count).Select(i => $"burst/{i % 10}/file-{i:00000}.txt").ToList();

        var started = DateTime.UtcNow;
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            rig.Drop(name, Encoding.UTF8.GetBytes($"Burst document {i}: the AI Act's transparency duties, paragraph {i}.\n"));
        }
        var messages = await rig.Messages.WaitForFilesAsync(names, TimeSpan.FromMinutes(5), () => rig.LogTail());
        await rig.WaitUntilInboxIsEmptyAsync(s_timeout);
        output.WriteLine($"{count} files in {(DateTime.UtcNow - started).TotalSeconds:0.0} s; watcher peak RSS {rig.Watcher!.PeakResidentBytes() / 1048576} MiB");

        WatcherAssertions.OneDocumentIdPerFile(messages, names);
        Assert.Equal(count, messages.Count);
        Assert.Equal(count, WatcherRig.FilesBelow(rig.Processed).Count);
    }
}
