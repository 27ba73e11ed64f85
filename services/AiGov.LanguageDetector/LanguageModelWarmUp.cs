namespace AiGov.LanguageDetector;

/// <summary>Loads the trigram models of every shared script in the background right after start, so the first
/// document does not pay for it and start-up (readiness) is not held up.</summary>
internal sealed class LanguageModelWarmUp(ScriptModels models, ILogger<LanguageModelWarmUp> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        var started = TimeProvider.System.GetTimestamp();
        models.LoadAll();
        logger.LogInformation("Language models loaded in {Elapsed:0} ms", TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
    }, stoppingToken);
}
