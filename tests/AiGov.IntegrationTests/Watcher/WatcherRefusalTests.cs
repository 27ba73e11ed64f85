using System.Text;
using System.Text.Json;
using AiGov.IntegrationTests.Watcher.Rig;
using Xunit;
using Xunit.Abstractions;

namespace AiGov.IntegrationTests.Watcher;

public sealed class WatcherRefusalTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task FileTheWatcherMayNotRead_IsRefusedAsUnreadable_WithASidecar()
    {
        // Root reads every file whatever its mode, so this watcher runs as 'nobody', as a service account would.
        await using var rig = await WatcherRig.CreateAsync(new WatcherSettings { SettleMilliseconds = 100, AsNobody = true }, output.WriteLine);
        var locked = rig.Drop("locked/minutes.txt", "Minutes of a closed meeting."u8.ToArray());
        UnixPermissions.Set(locked, UnixFileMode.None);
        UnixPermissions.Set(Path.GetDirectoryName(locked)!, UnixPermissions.Everyone);
        rig.Drop("readable.txt", "An ordinary note."u8.ToArray());

        await rig.StartWatcherAsync();
        var messages = await rig.Messages.WaitForFilesAsync(["locked/minutes.txt", "readable.txt"], s_timeout, () => rig.LogTail());
        await rig.WaitUntilInboxIsEmptyAsync(s_timeout);

        var refusal = Assert.Single(messages, m => m.FileName == "locked/minutes.txt");
        Assert.Equal(("DocumentRejected", "unreadable"), (refusal.Kind, refusal.Reason));
        Assert.Equal("DocumentArrived", Assert.Single(messages, m => m.FileName == "readable.txt").Kind);
        await AssertSidecarAsync(rig, "locked/minutes.txt", "unreadable");
    }

    private static readonly (string Encoding, string Text, bool WithBom)[] s_legacyEncodings =
    [
        ("GB18030", "人工智能治理需要透明度和问责制。高风险系统在上市前需要进行合格评定。", false),
        ("big5", "人工智慧治理需要透明度與問責制。歐盟人工智慧法案依風險對系統進行分類。", false),
        ("shift_jis", "人工知能の規制について、欧州連合はリスクに基づく枠組みを採用した。", false),
        ("windows-1252", "La gouvernance de l'IA exige transparence et responsabilité — « conformité ».", false),
        ("utf-16LE", "人工智能治理 — AI governance needs transparency.", true),
        ("utf-16BE", "人工智能治理 — AI governance needs transparency.", true),
    ];

    [Fact]
    public async Task TextInLegacyEncodings_IsAccepted_NotRefusedAsBinary()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        await using var rig = await WatcherRig.CreateAsync(new WatcherSettings { SettleMilliseconds = 100 }, output.WriteLine);
        await rig.StartWatcherAsync();
        var names = new List<string>();
        foreach (var (encodingName, text, withBom) in s_legacyEncodings)
        {
            var encoding = Encoding.GetEncoding(encodingName);
            var body = encoding.GetBytes(string.Concat(Enumerable.Repeat(text + "\n", 8)));
            names.Add($"encodings/{encodingName}.txt");
            rig.Drop(names[^1], withBom ? [.. encoding.GetPreamble(), .. body] : body);
        }

        var messages = await rig.Messages.WaitForFilesAsync(names, s_timeout, () => rig.LogTail());

        Assert.All(messages, m => Assert.True(m.Kind == "DocumentArrived", $"{m.FileName} was refused: {m.Reason}"));
        WatcherAssertions.OneDocumentIdPerFile(messages, names);
    }

    [Fact]
    public async Task LinksOutOfTheInbox_AreRefusedAsOutsideInbox_AndWhatTheyLeadToIsLeftUntouched()
    {
        await using var rig = await WatcherRig.CreateAsync(new WatcherSettings { SettleMilliseconds = 100, RescanSeconds = 1 }, output.WriteLine);
        var secretFolder = Directory.CreateDirectory(Path.Combine(rig.Outside, "private")).FullName;
        var secretFile = Path.Combine(secretFolder, "salaries.txt");
        await File.WriteAllTextAsync(secretFile, "not for the pipeline");
        Directory.CreateDirectory(Path.Combine(rig.Inbox, "links"));
        File.CreateSymbolicLink(Path.Combine(rig.Inbox, "links", "file-link.txt"), secretFile);
        Directory.CreateSymbolicLink(Path.Combine(rig.Inbox, "links", "folder-link"), secretFolder);
        rig.Drop("links/marker.txt", "An ordinary file beside the links."u8.ToArray());

        await rig.StartWatcherAsync();
        string[] expected = ["links/file-link.txt", "links/folder-link", "links/marker.txt"];
        var messages = await rig.Messages.WaitForFilesAsync(expected, s_timeout, () => rig.LogTail());
        await rig.WaitUntilInboxIsEmptyAsync(s_timeout);
        // Several rescans: nothing behind the folder link may turn up later.
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        foreach (var link in expected[..2])
        {
            var refusal = Assert.Single(rig.Messages.All, m => m.FileName == link);
            Assert.Equal(("DocumentRejected", "outside_inbox"), (refusal.Kind, refusal.Reason));
            Assert.NotNull(new FileInfo(Path.Combine(rig.Failed, link)).LinkTarget);
            await AssertSidecarAsync(rig, link, "outside_inbox");
        }
        Assert.Equal(3, rig.Messages.All.Count);
        Assert.Equal("not for the pipeline", await File.ReadAllTextAsync(secretFile));
        Assert.Equal([secretFile], Directory.GetFiles(secretFolder));
    }

    internal static async Task AssertSidecarAsync(WatcherRig rig, string relativeName, string reason)
    {
        var sidecarPath = Path.Combine(rig.Failed, relativeName + ".error.json");
        Assert.True(File.Exists(sidecarPath), $"no sidecar {sidecarPath}");
        using var sidecar = JsonDocument.Parse(await File.ReadAllTextAsync(sidecarPath));
        Assert.Equal(reason, sidecar.RootElement.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrWhiteSpace(sidecar.RootElement.GetProperty("detail").GetString()));
        Assert.True(DateTimeOffset.TryParse(sidecar.RootElement.GetProperty("at").GetString(), out _));
    }
}
