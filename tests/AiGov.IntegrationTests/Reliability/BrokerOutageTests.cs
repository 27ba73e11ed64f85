using System.Net;
using AiGov.Contracts;
using Xunit;
using Xunit.Abstractions;

namespace AiGov.IntegrationTests.Reliability;

public sealed class BrokerOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Storage_ResumesConsuming_AfterBrokerOutage()
    {
        await using var rig = await StorageRig.CreateAsync(output.WriteLine);
        var storage = await rig.StartStorageAsync();
        await rig.PublishRejectedAsync("before-outage.txt");
        Assert.True((await rig.WaitForRowsAsync(["before-outage.txt"], TimeSpan.FromSeconds(30))).Count == 1,
            $"storage did not consume before the outage:\n{rig.LogTails()}");

        rig.BrokerProxy.Cut();
        await storage.WaitForReadinessAsync(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30));
        // Reaches the broker directly, so it waits in the queue for the consumer to come back.
        await rig.PublishRejectedAsync("during-outage.txt");

        rig.BrokerProxy.Restore();
        await storage.WaitForReadinessAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        await rig.PublishRejectedAsync("after-outage.txt");

        string[] names = ["during-outage.txt", "after-outage.txt"];
        var rows = await rig.WaitForRowsAsync(names, TimeSpan.FromSeconds(30));
        Assert.True(rows.Count == names.Length,
            $"rows after the broker came back: {string.Join(", ", rows.Keys)}; expected {string.Join(", ", names)}\n{rig.LogTails()}");
        Assert.All(names, name => Assert.Equal(["rejected"], rows[name]));
        var queue = await rig.WaitForQueueAsync(QueueNames.Storage, s => s is { Ready: 0, Unacknowledged: 0, Consumers: > 0 }, TimeSpan.FromSeconds(20));
        Assert.True(queue is { Ready: 0, Unacknowledged: 0, Consumers: 1 }, $"storage queue at the end: {queue}\n{rig.LogTails()}");
    }
}
