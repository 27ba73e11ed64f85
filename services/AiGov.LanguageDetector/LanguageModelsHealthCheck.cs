using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiGov.LanguageDetector;

/// <summary>Ready only once every language model is in memory: until then a document would wait for the load.</summary>
internal sealed class LanguageModelsHealthCheck(ScriptModels models) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(models.IsLoaded ? HealthCheckResult.Healthy("language models loaded") : HealthCheckResult.Unhealthy("language models loading"));
}
