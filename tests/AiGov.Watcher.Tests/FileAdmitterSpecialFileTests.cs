using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiGov.Watcher.Tests;

public sealed class FileAdmitterSpecialFileTests : IDisposable
{
    private readonly TempDataRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Admit_RefusesAFifo_WithoutOpeningIt()
    {
        var options = Options.Create(new PipelineOptions { DataRoot = _root.Path, SettleMilliseconds = 50 });
        var layout = new InboxLayout(options);
        var admitter = new FileAdmitter(layout, options, TimeProvider.System,
            new ProcOpenFileWriters(layout, TimeProvider.System, NullLogger<ProcOpenFileWriters>.Instance));
        var fifo = Path.Combine(layout.Inbox, "pipe.txt");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // Opening a FIFO for reading blocks until someone writes: a hang here would stall a watcher slot for good.
        var admission = await admitter.AdmitAsync(fifo, new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);

        Assert.IsType<Refused>(admission);
    }
}
