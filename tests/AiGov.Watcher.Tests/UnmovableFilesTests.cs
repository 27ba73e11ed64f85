using System.Text.Json;
using AiGov.Contracts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiGov.Watcher.Tests;

/// <summary>Issue #19 point 6: a file that cannot be moved out of the inbox is not published again at every rescan.</summary>
public sealed class UnmovableFilesTests : IDisposable
{
    private readonly TempDataRoot _root = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly InboxLayout _layout;
    private readonly UnmovableFiles _unmovable;

    public UnmovableFilesTests()
    {
        _layout = new InboxLayout(Options.Create(new PipelineOptions { DataRoot = _root.Path }));
        _unmovable = new UnmovableFiles(_layout, _clock, NullLogger<UnmovableFiles>.Instance);
    }

    public void Dispose() => _root.Dispose();

    private string ListPath => Path.Combine(_root.Path, StuckFiles.FileName);

    [Fact]
    public void A_file_waits_longer_after_each_failed_try_then_is_left_alone_and_listed()
    {
        var path = Drop("locked/report.txt");

        _unmovable.Failed(path, new IOException("Permission denied"));
        Assert.True(_unmovable.IsWaiting(path));
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.False(_unmovable.IsWaiting(path));

        _unmovable.Failed(path, new IOException("Permission denied"));
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True(_unmovable.IsWaiting(path));
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.False(_unmovable.IsWaiting(path));
        Assert.False(File.Exists(ListPath));

        _unmovable.Failed(path, new IOException("Permission denied"));
        _clock.Advance(TimeSpan.FromDays(1));

        Assert.True(_unmovable.IsWaiting(path));
        var listed = Assert.Single(JsonSerializer.Deserialize<List<StuckFile>>(File.ReadAllText(ListPath), new JsonSerializerOptions(JsonSerializerDefaults.Web))!);
        Assert.Equal(("locked/report.txt", StuckFiles.MaxAttempts, "Permission denied"), (listed.FileName, listed.Attempts, listed.Error));
    }

    [Fact]
    public void A_file_given_up_on_is_taken_again_once_it_changes_and_leaves_the_list()
    {
        var path = Drop("locked/report.txt");
        for (var i = 0; i < StuckFiles.MaxAttempts; i++)
        {
            _unmovable.Failed(path, new IOException("Read-only file system"));
        }
        Assert.True(_unmovable.IsWaiting(path));

        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(5));

        Assert.False(_unmovable.IsWaiting(path));
        Assert.False(File.Exists(ListPath));
        Assert.Empty(_unmovable.GivenUp());
    }

    [Fact]
    public void A_file_that_gets_through_is_forgotten()
    {
        var path = Drop("report.txt");
        _unmovable.Failed(path, new IOException("Disk full"));

        _unmovable.Succeeded(path);

        Assert.False(_unmovable.IsWaiting(path));
    }

    private string Drop(string relativeName)
    {
        var path = Path.Combine(_layout.Inbox, relativeName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "An article that cannot leave the inbox.");
        return path;
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
