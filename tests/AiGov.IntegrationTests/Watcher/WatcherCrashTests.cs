using System.Text;
using System.Text.Json;
using AiGov.IntegrationTests.Watcher.Rig;
using Xunit;
using Xunit.Abstractions;

namespace AiGov.IntegrationTests.Watcher;

public sealed class WatcherCrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SigKillAtAnyMoment_LosesNoFile_AndNeverGivesAFileASecondDocumentId()
    {
        await using var rig = await WatcherRig.CreateAsync(new WatcherSettings { SettleMilliseconds = 100, RescanSeconds = 2, MaxConcurrentFiles = 16 }, output.WriteLine);
        const int accepted = 1500;
        const int refused = 60;
        var names = new List<string>();
        for (var i = 0; i < accepted; i++)
        {
            names.Add($"crash/{i % 7}/doc-{i:0000}.txt");
            rig.Drop(names[^1], Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat($"Document {i} on model evaluations. ", 40))));
        }
        for (var i = 0; i < refused; i++)
        {
            names.Add($"crash/refused/empty-{i:000}.txt");
            rig.Drop(names[^1], []);
        }

        // Kill at moments spread over the work, so some land between a publish and its move: each run is killed once
        // it has moved another 50-150 files, however fast the watcher is (it moves ~1,000 files a second here and can
        // start moving before its health check answers; fixed windows let two runs take all 1,560 files).
        var random = new Random(20250314);
        var kills = 0;
        while (rig.InboxFiles().Count > 0 && kills < 12)
        {
            var target = Math.Max(0, rig.InboxFiles().Count - random.Next(50, 150));
            await rig.StartWatcherAsync(waitUntilReady: false);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (rig.InboxFiles().Count > target && DateTime.UtcNow < deadline)
            {
                await Task.Delay(random.Next(2, 20));
            }
            await rig.KillWatcherAsync();
            kills++;
        }
        output.WriteLine($"{kills} SIGKILLs; {rig.InboxFiles().Count} file(s) left before the last start");
        await rig.StartWatcherAsync();
        var messages = await rig.Messages.WaitForFilesAsync(names, TimeSpan.FromSeconds(120), () => rig.LogTail());
        await rig.WaitUntilInboxIsEmptyAsync(TimeSpan.FromSeconds(120));

        var repeated = messages.Count - messages.Select(m => m.DocumentId).Distinct().Count();
        output.WriteLine($"{messages.Count} messages for {names.Count} files ({repeated} repeated after a kill, each under its file's id)");
        Assert.True(kills >= 3, $"only {kills} kill(s) happened while files flowed");
        WatcherAssertions.OneDocumentIdPerFile(messages, names);
        Assert.Equal(names.Where(n => !n.Contains("refused")).Order(StringComparer.Ordinal), WatcherRig.FilesBelow(rig.Processed));
        var failed = WatcherRig.FilesBelow(rig.Failed);
        Assert.Equal(refused * 2, failed.Count);
        foreach (var name in names.Where(n => n.Contains("refused")))
        {
            Assert.Contains(name, failed);
            using var sidecar = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(rig.Failed, name + ".error.json")));
            Assert.Equal("empty", sidecar.RootElement.GetProperty("reason").GetString());
        }
    }
}
