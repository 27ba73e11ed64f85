using AiGov.Infrastructure.Messaging;
using Microsoft.Extensions.Options;
using Xunit;

namespace AiGov.Infrastructure.Tests;

public sealed class StageTimeLimitTests
{
    [Fact]
    public async Task Run_ReturnsTheResult_OfWorkWithinTheLimit()
    {
        var limit = Limit(60);

        Assert.Equal(42, await limit.RunAsync("cleaning", _ => 42, CancellationToken.None));
    }

    [Fact]
    public async Task Run_ThrowsStageTimeout_AndCancelsTheWork_WhenTheLimitPasses()
    {
        var limit = Limit(0.05);
        var started = new TaskCompletionSource();
        var stopped = new TaskCompletionSource();

        var error = await Assert.ThrowsAsync<StageTimeoutException>(() => limit.RunAsync<int>("language-detection", token =>
        {
            started.SetResult();
            try
            {
                while (true)
                {
                    token.ThrowIfCancellationRequested();
                    Thread.SpinWait(1000);
                }
            }
            finally
            {
                stopped.SetResult();
            }
        }, CancellationToken.None));

        Assert.StartsWith("timeout: language-detection gave up on the document after 0.05 s", error.Message);
        // Once running, the work saw the cancelled token and ended. On a loaded machine the thread pool may start the
        // work only after the limit has passed and RunAsync has returned: the work must still run and see its token.
        await started.Task.WaitAsync(TimeSpan.FromMinutes(5));
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Run_StopsWaiting_ForWorkThatNeverChecksTheToken()
    {
        var limit = Limit(0.05);
        using var release = new ManualResetEventSlim();
        var finished = false;

        await Assert.ThrowsAsync<StageTimeoutException>(() => limit.RunAsync("cleaning", _ =>
        {
            release.Wait();
            finished = true;
            return 1;
        }, CancellationToken.None));

        // The consumer was free again while the work still ran.
        Assert.False(finished);
        release.Set();
    }

    [Fact]
    public async Task Run_PassesOnTheConsumersCancellation_AsCancellation_NotAsATimeout()
    {
        var limit = Limit(60);
        using var shutdown = new CancellationTokenSource();
        shutdown.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limit.RunAsync("cleaning", token =>
        {
            token.ThrowIfCancellationRequested();
            return 1;
        }, shutdown.Token));
    }

    [Fact]
    public async Task Run_KeepsAPlace_ForWorkThatRunsOnPastItsLimit_SoRunawayWorkCannotPileUp()
    {
        var limit = new StageTimeLimit(Options.Create(new StageTimeLimitOptions { TimeoutSeconds = 0.05, MaxDocumentsInWork = 1 }));
        using var release = new ManualResetEventSlim();
        await Assert.ThrowsAsync<StageTimeoutException>(() => limit.RunAsync("cleaning", _ =>
        {
            release.Wait();
            return 1;
        }, CancellationToken.None));

        // The consumer is free, but the only place is still held by the work it gave up on.
        var next = limit.RunAsync("cleaning", _ => 2, CancellationToken.None);
        await Task.Delay(300);
        Assert.False(next.IsCompleted);

        release.Set();
        Assert.Equal(2, await next.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void DocumentsInWork_IsOnePerCore_UnlessConfigured()
    {
        Assert.Equal(Environment.ProcessorCount, Limit(60).DocumentsInWork);
        Assert.Equal(3, new StageTimeLimit(Options.Create(new StageTimeLimitOptions { MaxDocumentsInWork = 3 })).DocumentsInWork);
    }

    private static StageTimeLimit Limit(double seconds) => new(Options.Create(new StageTimeLimitOptions { TimeoutSeconds = seconds }));
}
