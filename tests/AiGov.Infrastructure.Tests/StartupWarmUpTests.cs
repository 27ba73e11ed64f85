using AiGov.Infrastructure.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace AiGov.Infrastructure.Tests;

public sealed class StartupWarmUpTests
{
    [Fact]
    public async Task Stays_not_ready_while_the_work_runs_and_becomes_ready_when_it_ends()
    {
        var release = new TaskCompletionSource();
        await using var services = new ServiceCollection().BuildServiceProvider();
        var warmUp = new StartupWarmUp(services, (_, _) => release.Task, NullLogger<StartupWarmUp>.Instance);

        await warmUp.StartAsync(CancellationToken.None);
        Assert.Equal(HealthStatus.Unhealthy, (await warmUp.CheckHealthAsync(new HealthCheckContext())).Status);
        release.SetResult();
        await warmUp.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HealthStatus.Healthy, (await warmUp.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [Fact]
    public async Task A_failing_warm_up_still_ends_ready_so_the_service_works()
    {
        await using var services = new ServiceCollection().BuildServiceProvider();
        var warmUp = new StartupWarmUp(services, (_, _) => throw new InvalidOperationException("database not migrated yet"), NullLogger<StartupWarmUp>.Instance);

        await warmUp.StartAsync(CancellationToken.None);
        await warmUp.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HealthStatus.Healthy, (await warmUp.CheckHealthAsync(new HealthCheckContext())).Status);
    }
}
