using System.Text;
using AiGov.Contracts;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiGov.Watcher.Tests;

/// <summary>The watcher's discovery on the in-memory bus: what only an internal seam can provoke on demand.</summary>
public sealed class InboxWatcherServiceTests : IAsyncLifetime
{
    private readonly TempDataRoot _root = new();
    private ServiceProvider _services = null!;
    private ITestHarness _harness = null!;
    private InboxWatcherService _watcher = null!;
    private InboxLayout _layout = null!;

    public async Task InitializeAsync()
    {
        var options = Options.Create(new PipelineOptions
        {
            DataRoot = _root.Path,
            SettleMilliseconds = 50,
            // An hour: within a test only events and the recovery's own rescan can find a file.
            RescanSeconds = 3600,
        });
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(options)
            .AddSingleton(TimeProvider.System)
            .AddSingleton<InboxLayout>()
            .AddSingleton<IOpenFileWriters, ProcOpenFileWriters>()
            .AddSingleton<FileAdmitter>()
            .AddSingleton<FileIngestor>()
            .AddSingleton<UnmovableFiles>()
            .AddSingleton<InboxWatcherService>()
            .AddMassTransitTestHarness(bus =>
            {
                bus.SetTestTimeouts(testInactivityTimeout: TimeSpan.FromSeconds(10));
                bus.ConfigureUsageTelemetryOptions(options => options.Enabled = false);
            })
            .BuildServiceProvider(validateScopes: true);
        _harness = _services.GetRequiredService<ITestHarness>();
        await _harness.Start();
        _layout = _services.GetRequiredService<InboxLayout>();
        _watcher = _services.GetRequiredService<InboxWatcherService>();
        await _watcher.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _watcher.StopAsync(CancellationToken.None);
        await _harness.Stop();
        await _services.DisposeAsync();
        _root.Dispose();
    }

    [Fact]
    public async Task AfterTheFileSystemWatcherFails_FilesDroppedMeanwhileAndAfterwardsAreStillIngested()
    {
        await DropAndWaitAsync("before.txt");

        _watcher.StopEventsAsAnOverflowWould();
        Drop("while-blind.txt");
        await Task.Delay(500);
        Assert.True(File.Exists(Path.Combine(_layout.Inbox, "while-blind.txt")), "the stopped watcher still saw events");

        _watcher.OnWatcherError(new InternalBufferOverflowException("inotify queue overflow (test)"));
        await WaitForPublishedAsync("while-blind.txt");
        await DropAndWaitAsync("after.txt");

        Assert.Empty(Directory.EnumerateFileSystemEntries(_layout.Inbox));
    }

    private void Drop(string name) =>
        File.WriteAllText(Path.Combine(_layout.Inbox, name), $"Text of {name}.", Encoding.UTF8);

    private async Task DropAndWaitAsync(string name)
    {
        Drop(name);
        await WaitForPublishedAsync(name);
    }

    private async Task WaitForPublishedAsync(string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!_harness.Published.Select<DocumentArrived>().Any(m => m.Context.Message.Source.FileName == name))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{name} was never published");
            await Task.Delay(50);
        }
        while (File.Exists(Path.Combine(_layout.Inbox, name)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{name} was never moved out of the inbox");
            await Task.Delay(50);
        }
    }
}
