namespace AiGov.LanguageDetector;

/// <summary>Loads the Latin-script models (the common case) in the background right after start, so the first
/// document does not pay for it and start-up is not held up.</summary>
internal sealed class LanguageModelWarmUp(LanguageIdentifier identifier, ILogger<LanguageModelWarmUp> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        var started = TimeProvider.System.GetTimestamp();
        identifier.Identify("The committee adopted the resolution on artificial intelligence governance.");
        logger.LogInformation("Language models loaded in {Elapsed:0} ms", TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
    }, stoppingToken);
}
