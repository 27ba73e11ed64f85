using System.Diagnostics;

namespace AiGov.LanguageDetector;

/// <summary>Waits for every language model to load (Program starts the load even before the broker is reached), so
/// the first document does not pay for it; <c>/health/ready</c> waits for it (<see cref="LanguageModelsHealthCheck"/>).
/// A model that cannot be loaded stops the service with the error, rather than leaving it for ever not ready.</summary>
internal sealed class LanguageModelWarmUp(ScriptModels models, ILogger<LanguageModelWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await models.StartLoading().WaitAsync(stoppingToken);
        using var process = Process.GetCurrentProcess();
        logger.LogInformation("Language models loaded, {Elapsed:0} ms after process start", (DateTime.Now - process.StartTime).TotalMilliseconds);
    }
}
