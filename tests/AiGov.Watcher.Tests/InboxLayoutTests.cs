using Microsoft.Extensions.Options;

namespace AiGov.Watcher.Tests;

public sealed class InboxLayoutTests : IDisposable
{
    private readonly TempDataRoot _root = new();

    public void Dispose() => _root.Dispose();

    private InboxLayout CreateLayout(string? dataRoot = null) =>
        new(Options.Create(new PipelineOptions { DataRoot = dataRoot ?? _root.Path }));

    [Fact]
    public void Constructor_CreatesInboxProcessedAndFailed_UnderTheDataRoot()
    {
        var layout = CreateLayout();

        Assert.Equal(Path.Combine(_root.Path, "inbox"), layout.Inbox);
        Assert.Equal(Path.Combine(_root.Path, "processed"), layout.Processed);
        Assert.Equal(Path.Combine(_root.Path, "failed"), layout.Failed);
        Assert.True(Directory.Exists(layout.Inbox));
        Assert.True(Directory.Exists(layout.Processed));
        Assert.True(Directory.Exists(layout.Failed));
    }

    [Fact]
    public void RelativeName_UsesForwardSlashes_ForFilesInSubfolders()
    {
        var layout = CreateLayout();

        Assert.Equal("report.txt", layout.RelativeName(Path.Combine(layout.Inbox, "report.txt")));
        Assert.Equal("2025/q1/eu ai act.md", layout.RelativeName(Path.Combine(layout.Inbox, "2025", "q1", "eu ai act.md")));
    }

    [Fact]
    public void IsInsideInbox_IsTrue_OnlyForPathsBelowTheInbox()
    {
        var layout = CreateLayout();
        var inbox = layout.InboxRealPath;

        Assert.True(layout.IsInsideInbox(Path.Combine(inbox, "a.txt")));
        Assert.True(layout.IsInsideInbox(Path.Combine(inbox, "sub", "deeper", "b.md")));
        Assert.False(layout.IsInsideInbox(inbox));
        Assert.False(layout.IsInsideInbox(inbox + "-other" + Path.DirectorySeparatorChar + "a.txt"));
        Assert.False(layout.IsInsideInbox(Path.Combine(layout.Processed, "a.txt")));
        Assert.False(layout.IsInsideInbox(Path.Combine(_root.Outside, "a.txt")));
    }

    [Fact]
    public void RealPath_ResolvesSymlinkedFolders_AlongThePath()
    {
        var real = Directory.CreateDirectory(Path.Combine(_root.Outside, "real")).FullName;
        File.WriteAllText(Path.Combine(real, "file.txt"), "text");
        var alias = Path.Combine(_root.Path, "alias");
        Directory.CreateSymbolicLink(alias, real);
        var aliasOfAlias = Path.Combine(_root.Path, "alias-of-alias");
        Directory.CreateSymbolicLink(aliasOfAlias, "alias");

        Assert.Equal(Path.Combine(real, "file.txt"), InboxLayout.RealPath(Path.Combine(alias, "file.txt")));
        Assert.Equal(Path.Combine(real, "file.txt"), InboxLayout.RealPath(Path.Combine(aliasOfAlias, "file.txt")));
        Assert.Equal(Path.Combine(real, "not-yet.txt"), InboxLayout.RealPath(Path.Combine(alias, "not-yet.txt")));
        Assert.Equal(real, InboxLayout.RealPath(alias));
    }

    [Fact]
    public void RealPath_ResolvesAFileSymlink_ToItsTarget()
    {
        var target = Path.Combine(_root.Outside, "target.txt");
        File.WriteAllText(target, "text");
        var link = Path.Combine(_root.Path, "link.txt");
        File.CreateSymbolicLink(link, target);

        Assert.Equal(target, InboxLayout.RealPath(link));
    }

    [Fact]
    public void IsInsideInbox_IsTrue_ForAFileReachedThroughASymlinkedDataRoot()
    {
        var realRoot = Directory.CreateDirectory(Path.Combine(_root.Path, "real-root")).FullName;
        var linkedRoot = Path.Combine(_root.Path, "linked-root");
        Directory.CreateSymbolicLink(linkedRoot, realRoot);

        var layout = CreateLayout(linkedRoot);
        var file = Path.Combine(layout.Inbox, "a.txt");
        File.WriteAllText(file, "text");

        Assert.Equal(Path.Combine(realRoot, "inbox"), layout.InboxRealPath);
        Assert.True(layout.IsInsideInbox(InboxLayout.RealPath(file)));
        Assert.Equal("a.txt", layout.RelativeName(file));
    }
}
