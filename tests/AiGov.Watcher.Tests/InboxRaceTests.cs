using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiGov.Watcher.Tests;

/// <summary>Issue #19 point 5: someone who can write into the inbox swaps a folder for a symbolic link to a folder
/// outside it, over and over, while the watcher reads and moves files in that folder. Nothing outside the inbox may be
/// read or moved.</summary>
public sealed class InboxRaceTests : IDisposable
{
    private const int Tries = 1_000;
    private const string Secret = "SECRET that lives outside the inbox";

    private readonly TempDataRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task A_folder_swapped_for_a_link_out_of_the_inbox_while_files_are_read_and_moved_leaks_nothing()
    {
        var options = Options.Create(new PipelineOptions { DataRoot = _root.Path, SettleMilliseconds = 0 });
        var layout = new InboxLayout(options);
        var admitter = new FileAdmitter(layout, options, TimeProvider.System,
            new ProcOpenFileWriters(layout, TimeProvider.System, NullLogger<ProcOpenFileWriters>.Instance));
        var outside = _root.Outside;
        var secretPath = Path.Combine(outside, "note.txt");
        await File.WriteAllTextAsync(secretPath, Secret);
        var drop = Path.Combine(layout.Inbox, "drop");
        var parking = Path.Combine(layout.Inbox, "parking");
        Directory.CreateDirectory(drop);
        var swapLock = new object();
        using var stop = new CancellationTokenSource();
        var swaps = 0;

        // The attacker: 'drop' is a real folder, then a link to the outside folder, then the real folder again.
        var swapper = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                lock (swapLock)
                {
                    Directory.Move(drop, parking);
                    Directory.CreateSymbolicLink(drop, outside);
                }
                Thread.Yield();
                lock (swapLock)
                {
                    File.Delete(drop);
                    Directory.Move(parking, drop);
                    swaps++;
                }
                Thread.Yield();
            }
        });

        var accepted = 0;
        var refusedAsOutside = 0;
        var moved = 0;
        try
        {
            for (var i = 0; i < Tries; i++)
            {
                lock (swapLock)
                {
                    // Written into the real folder wherever it is parked, never through the link.
                    var realFolder = new FileInfo(drop).LinkTarget is null ? drop : parking;
                    File.WriteAllText(Path.Combine(realFolder, "note.txt"), $"inside {i}");
                }
                var path = Path.Combine(drop, "note.txt");

                var admission = await admitter.AdmitWrittenAsync(path, CancellationToken.None);
                switch (admission)
                {
                    case Accepted read:
                        Assert.DoesNotContain("SECRET", Encoding.UTF8.GetString(read.Content), StringComparison.Ordinal);
                        accepted++;
                        break;
                    case Refused { Reason: RejectionReasons.OutsideInbox }:
                        refusedAsOutside++;
                        break;
                }

                var destination = Path.Combine(layout.Processed, $"note-{i}.txt");
                try
                {
                    InboxEntry.Move(layout.Inbox, "drop/note.txt", destination);
                    moved++;
                    Assert.DoesNotContain("SECRET", await File.ReadAllTextAsync(destination), StringComparison.Ordinal);
                }
                catch (IOException)
                {
                    // The link was in place: nothing moved.
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await swapper;
        }

        Assert.Equal(Secret, await File.ReadAllTextAsync(secretPath));
        Assert.Single(Directory.GetFiles(outside));
        // The race was run, and both of its sides were seen.
        Assert.True(swaps >= Tries / 10, $"only {swaps} swaps in {Tries} tries");
        Assert.True(accepted > 0 && moved > 0, $"accepted {accepted}, moved {moved}: the real folder was never read");
        Assert.True(refusedAsOutside > 0, $"the link was never met in {Tries} tries ({swaps} swaps)");
    }

    [Fact]
    public void A_move_through_a_linked_folder_is_refused_and_moves_nothing()
    {
        var (layout, outside) = LayoutWithASecretOutside();
        Directory.CreateSymbolicLink(Path.Combine(layout.Inbox, "linked"), outside);

        Assert.Throws<LinkOnTheWayException>(() => InboxEntry.Move(layout.Inbox, "linked/note.txt", Path.Combine(layout.Processed, "note.txt")));

        Assert.True(File.Exists(Path.Combine(outside, "note.txt")));
        Assert.False(File.Exists(Path.Combine(layout.Processed, "note.txt")));
    }

    [Fact]
    public void A_link_itself_moves_as_a_link_and_its_target_stays()
    {
        var (layout, outside) = LayoutWithASecretOutside();
        Directory.CreateDirectory(Path.Combine(layout.Inbox, "sub"));
        File.CreateSymbolicLink(Path.Combine(layout.Inbox, "sub", "link.txt"), Path.Combine(outside, "note.txt"));
        var destination = Path.Combine(layout.Failed, "link.txt");

        InboxEntry.Move(layout.Inbox, "sub/link.txt", destination);

        Assert.Equal(Path.Combine(outside, "note.txt"), new FileInfo(destination).LinkTarget);
        Assert.True(File.Exists(Path.Combine(outside, "note.txt")));
    }

    /// <summary>The data root's folders, and a folder beside the inbox holding note.txt with <see cref="Secret"/>.</summary>
    private (InboxLayout Layout, string Outside) LayoutWithASecretOutside()
    {
        var layout = new InboxLayout(Options.Create(new PipelineOptions { DataRoot = _root.Path }));
        var outside = _root.Outside;
        File.WriteAllText(Path.Combine(outside, "note.txt"), Secret);
        return (layout, outside);
    }
}
