using AiGov.Contracts;
using Xunit;
using Xunit.Abstractions;

namespace AiGov.IntegrationTests.Reliability;

public sealed class GracefulShutdownTests(ITestOutputHelper output)
{
    private const int Messages = 300;

    [Fact]
    public async Task Storage_LosesNothing_WhenTerminatedWhileConsuming()
    {
        await using var rig = await StorageRig.CreateAsync(output.WriteLine);
        var first = await rig.StartStorageAsync();
        var names = Enumerable.Range(1, Messages).Select(i => $"shutdown-{i:D3}.txt").ToList();

        await PublishAsync(rig, names[..(Messages / 2)]);
        await first.TerminateAsync();
        // The rest arrives while the first process shuts down and after it has gone.
        await PublishAsync(rig, names[(Messages / 2)..]);
        var exitCode = await first.WaitForExitAsync(TimeSpan.FromSeconds(45));
        Assert.True(exitCode == 0, $"storage exit code after SIGTERM: {exitCode?.ToString() ?? "still running"}\n{rig.LogTails()}");
        output.WriteLine($"{(await rig.RowsAsync(names)).Count} of {Messages} rows when the first storage process had exited");

        await rig.StartStorageAsync();
        var rows = await rig.WaitForRowsAsync(names, TimeSpan.FromSeconds(60));
        Assert.True(rows.Count == Messages,
            $"{rows.Count} of {Messages} rows; missing: {string.Join(", ", names.Except(rows.Keys).Take(20))}\n{rig.LogTails()}");
        Assert.All(rows, row => Assert.Equal(["rejected"], row.Value));
        var queue = await rig.WaitForQueueAsync(QueueNames.Storage, s => s is { Ready: 0, Unacknowledged: 0, Consumers: > 0 }, TimeSpan.FromSeconds(30));
        Assert.True(queue is { Ready: 0, Unacknowledged: 0, Consumers: 1 }, $"storage queue at the end: {queue}\n{rig.LogTails()}");
        var error = await rig.VirtualHost.GetQueueAsync(QueueNames.Storage + "_error");
        Assert.True(error is null or { Ready: 0, Unacknowledged: 0 }, $"storage_error: {error}\n{rig.LogTails()}");
    }

    private static Task PublishAsync(StorageRig rig, IEnumerable<string> names) =>
        Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (name, _) => await rig.PublishRejectedAsync(name));
}
