namespace AiGov.Infrastructure.Resilience;

/// <summary>A service this process cannot work without (broker, database). Throws when it is not reachable.</summary>
public interface IDependencyProbe
{
    string Name { get; }

    Task ProbeAsync(CancellationToken cancellationToken);
}
