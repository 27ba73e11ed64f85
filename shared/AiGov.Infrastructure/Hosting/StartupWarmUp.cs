using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiGov.Infrastructure.Hosting;

/// <summary>
/// Runs a service's stage code once on a built-in example before <c>/health/ready</c> answers, so the first real
/// documents after a start do not each wait for the JIT, the first connections and statement preparation (measured:
/// about 2 s for the first dedup and storage batches, docs/PERFORMANCE.md). A failing warm-up is logged and readiness
/// follows anyway: the first documents are then slower, nothing else changes.
/// </summary>
public sealed class StartupWarmUp(IServiceProvider services, Func<IServiceProvider, CancellationToken, Task> work, ILogger<StartupWarmUp> logger)
    : BackgroundService, IHealthCheck
{
    private volatile bool _done;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_done ? HealthCheckResult.Healthy("warmed up") : HealthCheckResult.Unhealthy("warming up"));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            // Since .NET 10 BackgroundService runs ExecuteAsync on the thread pool: synchronous work does not hold up the host.
            await work(services, stoppingToken);
            logger.LogInformation("Warmed up in {Elapsed:0} ms", watch.Elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception exception)
        {
            logger.LogWarning("Warm-up failed after {Elapsed:0} ms ({Error}); the first documents will be slower", watch.Elapsed.TotalMilliseconds, exception.Message);
        }
        finally
        {
            _done = true;
        }
    }
}

public static class StartupWarmUpExtensions
{
    /// <summary>Registers <paramref name="work"/> as the service's warm-up and makes <c>/health/ready</c> wait for it.</summary>
    public static IHostApplicationBuilder AddStartupWarmUp(this IHostApplicationBuilder builder, Func<IServiceProvider, CancellationToken, Task> work)
    {
        builder.Services.AddSingleton(services => new StartupWarmUp(services, work, services.GetRequiredService<ILogger<StartupWarmUp>>()));
        builder.Services.AddHostedService(services => services.GetRequiredService<StartupWarmUp>());
        builder.Services.AddHealthChecks().AddCheck<StartupWarmUp>("warm-up", tags: ["ready"]);
        return builder;
    }
}
