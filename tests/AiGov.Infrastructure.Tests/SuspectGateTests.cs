using AiGov.Infrastructure.Messaging;
using Xunit;

namespace AiGov.Infrastructure.Tests;

public class SuspectGateTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_moment = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Messages_pass_side_by_side()
    {
        var gate = new SuspectGate();

        using var first = await gate.EnterAsync(CancellationToken.None);
        using var second = await gate.EnterAsync(CancellationToken.None);

        Assert.Equal(2, gate.InWork);
    }

    [Fact]
    public async Task A_suspect_waits_for_the_messages_in_work_and_no_message_starts_beside_it()
    {
        var gate = new SuspectGate();
        var inWork = await gate.EnterAsync(CancellationToken.None);

        var suspect = gate.EnterAloneAsync(CancellationToken.None).AsTask();
        await Task.Delay(s_moment);
        Assert.False(suspect.IsCompleted);
        var later = gate.EnterAsync(CancellationToken.None).AsTask();
        await Task.Delay(s_moment);
        Assert.False(later.IsCompleted);

        inWork.Dispose();
        var alone = await suspect.WaitAsync(s_wait);
        await Task.Delay(s_moment);
        Assert.False(later.IsCompleted);
        Assert.Equal(0, gate.InWork);

        alone.Dispose();
        (await later.WaitAsync(s_wait)).Dispose();
    }

    [Fact]
    public async Task Suspects_take_turns()
    {
        var gate = new SuspectGate();
        var first = await gate.EnterAloneAsync(CancellationToken.None);

        var second = gate.EnterAloneAsync(CancellationToken.None).AsTask();
        await Task.Delay(s_moment);
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second.WaitAsync(s_wait)).Dispose();
        (await gate.EnterAsync(CancellationToken.None)).Dispose();
    }

    [Fact]
    public async Task A_suspect_that_gives_up_waiting_lets_the_others_go_on()
    {
        var gate = new SuspectGate();
        var inWork = await gate.EnterAsync(CancellationToken.None);
        using var giveUp = new CancellationTokenSource();

        var suspect = gate.EnterAloneAsync(giveUp.Token).AsTask();
        var later = gate.EnterAsync(CancellationToken.None).AsTask();
        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => suspect);
        (await later.WaitAsync(s_wait)).Dispose();
        inWork.Dispose();
        (await gate.EnterAloneAsync(CancellationToken.None).AsTask().WaitAsync(s_wait)).Dispose();
    }

    [Fact]
    public async Task Leaving_twice_counts_once()
    {
        var gate = new SuspectGate();
        var first = await gate.EnterAsync(CancellationToken.None);
        using var second = await gate.EnterAsync(CancellationToken.None);

        first.Dispose();
        first.Dispose();

        Assert.Equal(1, gate.InWork);
    }
}
