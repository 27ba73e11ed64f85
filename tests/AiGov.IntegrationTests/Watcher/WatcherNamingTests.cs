using System.Text;
using AiGov.IntegrationTests.Watcher.Rig;
using Xunit;
using Xunit.Abstractions;

namespace AiGov.IntegrationTests.Watcher;

public sealed class WatcherNamingTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    // 255 bytes, the longest name Linux takes: 84 three-byte characters + ".md".
    private static readonly string s_longestName = new string('政', 84) + ".md";

    [Fact]
    public async Task UnusualNames_AreIngested_AndKeepTheirSubfolderLayout()
    {
        await using var rig = await WatcherRig.CreateAsync(new WatcherSettings { SettleMilliseconds = 100 }, output.WriteLine);
        await rig.StartWatcherAsync();
        string[] names =
        [
            "人工智能/治理 报告.txt",
            "with spaces/EU AI Act — final text.html",
            "hash#tags/#1 priority#.md",
            "Ελληνικά/κανονισμός.txt",
            "emoji 🤖/robots.txt",
            "long/" + s_longestName,
            "a/b/c/d/e/f/deep.txt",
        ];
        Assert.Equal(255, Encoding.UTF8.GetByteCount(s_longestName));
        foreach (var name in names)
        {
            rig.Drop(name, Encoding.UTF8.GetBytes($"<p>Text of {name}.</p>"));
        }

        var messages = await rig.Messages.WaitForFilesAsync(names, s_timeout, () => rig.LogTail());
        await rig.WaitUntilInboxIsEmptyAsync(s_timeout);

        WatcherAssertions.OneDocumentIdPerFile(messages, names);
        Assert.All(messages, m => Assert.Equal("DocumentArrived", m.Kind));
        Assert.Equal(names.Order(StringComparer.Ordinal), WatcherRig.FilesBelow(rig.Processed));
    }

    [Fact]
    public async Task SameNameDroppedTwice_KeepsBothFiles_InProcessedAndInFailedWithTheirSidecars()
    {
        await using var rig = await WatcherRig.CreateAsync(new WatcherSettings { SettleMilliseconds = 100 }, output.WriteLine);
        await rig.StartWatcherAsync();
        string[] names = ["twice/report.txt", "twice/picture.jpg", "long/" + s_longestName];
        for (var round = 1; round <= 2; round++)
        {
            foreach (var name in names)
            {
                rig.Drop(name, Encoding.UTF8.GetBytes($"Round {round} of {name}."));
            }
            await rig.Messages.WaitUntilAsync(all => all.Count == names.Length * round, s_timeout, () => rig.LogTail());
            await rig.WaitUntilInboxIsEmptyAsync(s_timeout);
        }

        var messages = rig.Messages.All;
        foreach (var name in names)
        {
            Assert.Equal(2, messages.Where(m => m.FileName == name).Select(m => m.DocumentId).Distinct().Count());
        }
        var processed = WatcherRig.FilesBelow(Path.Combine(rig.Processed, "twice"));
        Assert.Equal(2, processed.Count);
        Assert.Contains("report.txt", processed);
        Assert.Equal(
            ["Round 1 of twice/report.txt.", "Round 2 of twice/report.txt."],
            processed.Select(p => File.ReadAllText(Path.Combine(rig.Processed, "twice", p))).Order());
        Assert.Equal(2, WatcherRig.FilesBelow(Path.Combine(rig.Processed, "long")).Count);

        var failed = WatcherRig.FilesBelow(Path.Combine(rig.Failed, "twice"));
        var pictures = failed.Where(f => !f.EndsWith(".error.json", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, pictures.Count);
        foreach (var picture in pictures)
        {
            await WatcherRefusalTests.AssertSidecarAsync(rig, "twice/" + picture, "unsupported_type");
        }
        Assert.Equal(4, failed.Count);
    }
}
