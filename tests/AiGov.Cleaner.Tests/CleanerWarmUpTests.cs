using AiGov.Cleaner;
using AiGov.Infrastructure.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace AiGov.Cleaner.Tests;

public sealed class CleanerWarmUpTests
{
    [Fact]
    public async Task Is_not_ready_before_the_built_in_documents_are_cleaned_and_ready_after()
    {
        await using var services = new ServiceCollection().BuildServiceProvider();
        var warmUp = new StartupWarmUp(services, CleanerWarmUp.RunAsync, NullLogger<StartupWarmUp>.Instance);
        Assert.Equal(HealthStatus.Unhealthy, (await warmUp.CheckHealthAsync(new HealthCheckContext())).Status);

        await warmUp.StartAsync(CancellationToken.None);
        await warmUp.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(HealthStatus.Healthy, (await warmUp.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [Fact]
    public async Task The_built_in_documents_clean_without_an_error()
    {
        await using var services = new ServiceCollection().BuildServiceProvider();

        await CleanerWarmUp.RunAsync(services, CancellationToken.None);
    }
}
