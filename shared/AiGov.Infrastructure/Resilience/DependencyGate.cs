using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiGov.Infrastructure.Resilience;

/// <summary>Holds start-up until every dependency answers, retrying with one log line per attempt, so that neither
/// the bus nor the migrator starts against a missing service and nothing prints a stack trace for it. It runs before
/// the host starts: a SIGTERM while waiting simply ends the process.</summary>
internal static class DependencyGate
{
    public static async Task WaitAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DependencyGate).FullName!);
        foreach (var probe in services.GetServices<IDependencyProbe>())
        {
            var pipeline = RetryForever.Create(logger, probe.Name, TimeSpan.FromSeconds(10));
            await pipeline.ExecuteAsync(async ct => await probe.ProbeAsync(ct), cancellationToken);
            logger.LogInformation("{Dependency} is reachable", probe.Name);
        }
    }
}
