using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiGov.Infrastructure.Resilience;

/// <summary>Holds start-up until every dependency answers, retrying with one log line per attempt. Registered
/// before the bus and the migrator so that neither starts against a missing service (and nothing prints a stack
/// trace for it).</summary>
internal sealed class DependencyGate(IEnumerable<IDependencyProbe> probes, ILogger<DependencyGate> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var probe in probes)
        {
            var pipeline = RetryForever.Create(logger, probe.Name, TimeSpan.FromSeconds(10));
            await pipeline.ExecuteAsync(async ct => await probe.ProbeAsync(ct), cancellationToken);
            logger.LogInformation("{Dependency} is reachable", probe.Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
