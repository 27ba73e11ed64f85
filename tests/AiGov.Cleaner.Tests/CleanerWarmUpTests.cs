using AiGov.Cleaner;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace AiGov.Cleaner.Tests;

public sealed class CleanerWarmUpTests
{
    [Fact]
    public async Task Is_not_ready_before_the_built_in_documents_are_cleaned_and_ready_after()
    {
        var warmUp = new CleanerWarmUp(NullLogger<CleanerWarmUp>.Instance);
        Assert.Equal(HealthStatus.Unhealthy, (await warmUp.CheckHealthAsync(new HealthCheckContext())).Status);

        await warmUp.StartAsync(CancellationToken.None);
        await warmUp.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(60));

        var after = await warmUp.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, after.Status);
        Assert.Equal("cleaning code warmed up", after.Description);
    }
}
