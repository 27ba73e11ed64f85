using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiGov.Watcher.Tests;

public sealed class ProcOpenFileWritersTests : IDisposable
{
    private readonly TempDataRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task A_writer_is_seen_on_every_scan_while_the_same_process_opens_and_closes_other_inbox_files()
    {
        var layout = new InboxLayout(Options.Create(new PipelineOptions { DataRoot = _root.Path }));
        var writers = new ProcOpenFileWriters(layout, TimeProvider.System, NullLogger<ProcOpenFileWriters>.Instance);
        // Another inbox file written and closed over and over by the same process (a downloader finishing one file while
        // it writes the next): its descriptor, numbered below the writer's, comes and goes while /proc is read.
        var churnFolder = Directory.CreateDirectory(Path.Combine(layout.Inbox, "churn")).FullName;
        var low = Enumerable.Range(0, 20).Select(i => File.Create(Path.Combine(churnFolder, $"low-{i}"))).ToList();
        var inboxFile = Path.Combine(layout.Inbox, "being-written.txt");
        await using var writer = new FileStream(inboxFile, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
        writer.Write("half of a report"u8);
        writer.Flush();
        foreach (var file in low)
        {
            file.Dispose();
        }

        using var stop = new CancellationTokenSource();
        var churn = Task.Run(() =>
        {
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                File.Create(Path.Combine(churnFolder, $"c-{i++ % 64}")).Dispose();
            }
        });
        var realPath = new FileInfo(inboxFile).FullName.Replace(layout.Inbox, layout.InboxRealPath, StringComparison.Ordinal);
        var misses = 0;
        for (var scan = 0; scan < 100; scan++)
        {
            if (!await writers.IsOpenForWritingAsync(realPath, TimeProvider.System.GetTimestamp(), CancellationToken.None))
            {
                misses++;
            }
        }
        await stop.CancelAsync();
        await churn;

        Assert.Equal(0, misses);
        await writer.DisposeAsync();
        Assert.False(await writers.IsOpenForWritingAsync(realPath, TimeProvider.System.GetTimestamp(), CancellationToken.None));
    }
}
