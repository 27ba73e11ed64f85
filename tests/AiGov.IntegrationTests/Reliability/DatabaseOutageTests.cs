using System.Net;
using AiGov.Contracts;
using Xunit;
using Xunit.Abstractions;

namespace AiGov.IntegrationTests.Reliability;

public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Storage_WaitsOutDatabaseOutage_AndStoresTheMessageOnce()
    {
        await using var rig = await StorageRig.CreateAsync(output.WriteLine);
        var storage = await rig.StartStorageAsync();
        const string name = "during-database-outage.txt";

        rig.DatabaseProxy.Cut();
        await rig.PublishRejectedAsync(name);
        await storage.WaitForReadinessAsync(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30));
        // Held by the transient-error retry: delivered, not acknowledged, not dead-lettered.
        var held = await rig.WaitForQueueAsync(QueueNames.Storage, s => s is { Unacknowledged: 1 }, TimeSpan.FromSeconds(20));
        Assert.True(held is { Ready: 0, Unacknowledged: 1 }, $"storage queue while the database is away: {held}\n{rig.LogTails()}");
        Assert.Empty(await rig.RowsAsync([name]));

        rig.DatabaseProxy.Restore();
        await storage.WaitForReadinessAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(30));

        var rows = await rig.WaitForRowsAsync([name], TimeSpan.FromSeconds(60));
        Assert.True(rows.ContainsKey(name), $"no row after the database came back:\n{rig.LogTails()}");
        Assert.Equal(["rejected"], rows[name]);
        var queue = await rig.WaitForQueueAsync(QueueNames.Storage, s => s is { Ready: 0, Unacknowledged: 0, Consumers: > 0 }, TimeSpan.FromSeconds(20));
        Assert.True(queue is { Ready: 0, Unacknowledged: 0, Consumers: 1 }, $"storage queue at the end: {queue}\n{rig.LogTails()}");
        var error = await rig.VirtualHost.GetQueueAsync(QueueNames.Storage + "_error");
        Assert.True(error is null or { Ready: 0, Unacknowledged: 0 }, $"storage_error: {error}\n{rig.LogTails()}");
    }
}
