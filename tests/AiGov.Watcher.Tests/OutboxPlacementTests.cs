using System.Text;

namespace AiGov.Watcher.Tests;

public sealed class OutboxPlacementTests : IDisposable
{
    private static readonly Guid s_id = Guid.Parse("0123456789ab4def8123456789abcdef");

    private readonly TempDataRoot _root = new();
    private readonly string _processed;

    public OutboxPlacementTests() => _processed = Directory.CreateDirectory(Path.Combine(_root.Path, "processed")).FullName;

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Place_KeepsTheSubfolderLayout_AndCreatesTheFolders()
    {
        var placed = OutboxPlacement.Place(_processed, Path.Combine("2025", "q1 #2", "eu ai act.md"), s_id, withSidecar: false);

        Assert.Equal(Path.Combine(_processed, "2025", "q1 #2", "eu ai act.md"), placed);
        Assert.True(Directory.Exists(Path.GetDirectoryName(placed)));
    }

    [Fact]
    public void Place_AddsTheDocumentId_WhenTheNameIsTakenByAnEarlierDrop()
    {
        File.WriteAllText(Path.Combine(_processed, "report.txt"), "earlier drop");

        var placed = OutboxPlacement.Place(_processed, "report.txt", s_id, withSidecar: false);

        Assert.Equal(Path.Combine(_processed, "report.0123456789ab.txt"), placed);
    }

    [Fact]
    public void Place_NeverPassesThroughALinkedFolder()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(_root.Outside, "elsewhere")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(_processed, "sub"), elsewhere);

        var placed = OutboxPlacement.Place(_processed, Path.Combine("sub", "a.txt"), s_id, withSidecar: false);

        Assert.Equal(Path.Combine(_processed, "sub.0123456789ab", "a.txt"), placed);
        Assert.Null(new DirectoryInfo(Path.GetDirectoryName(placed)!).LinkTarget);
        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
    }

    [Fact]
    public void Place_DoesNotTakeADanglingLinkAsAFreeName()
    {
        File.CreateSymbolicLink(Path.Combine(_processed, "a.txt"), Path.Combine(_root.Outside, "nothing-here.txt"));

        var placed = OutboxPlacement.Place(_processed, "a.txt", s_id, withSidecar: false);

        Assert.Equal(Path.Combine(_processed, "a.0123456789ab.txt"), placed);
    }

    [Fact]
    public void Place_LeavesRoomForTheSidecar_WhenTheNameHasTheMaximumLength()
    {
        var longName = new string('é', 125) + ".txt"; // 254 bytes

        var placed = Path.GetFileName(OutboxPlacement.Place(_processed, longName, s_id, withSidecar: true));

        Assert.True(Encoding.UTF8.GetByteCount(placed + OutboxPlacement.SidecarSuffix) <= OutboxPlacement.MaxNameBytes);
        Assert.EndsWith(".0123456789ab.txt", placed);
        Assert.StartsWith(new string('é', 10), placed);
    }

    [Fact]
    public void Place_ReusesTheName_WhenOnlyAnOrphanedSidecarOfACrashedMoveIsThere()
    {
        File.WriteAllText(Path.Combine(_processed, "bad.jpg" + OutboxPlacement.SidecarSuffix), "{}");

        Assert.Equal(Path.Combine(_processed, "bad.jpg"), OutboxPlacement.Place(_processed, "bad.jpg", s_id, withSidecar: true));
    }

    [Fact]
    public void Place_DoesNotOverwriteARefusedFileNamedLikeASidecar()
    {
        File.WriteAllText(Path.Combine(_processed, "bad.jpg.error.json"), "a refused file of its own");
        File.WriteAllText(Path.Combine(_processed, "bad.jpg.error.json.error.json"), "{}");

        Assert.Equal(Path.Combine(_processed, "bad.0123456789ab.jpg"), OutboxPlacement.Place(_processed, "bad.jpg", s_id, withSidecar: true));
    }
}
