using AiGov.Contracts;
using AiGov.Infrastructure.Messaging;
using AiGov.Infrastructure.Telemetry;
using MassTransit;

namespace AiGov.LanguageDetector;

/// <summary>Receives the clean text, names its main language, publishes it on.</summary>
public sealed class DetectLanguageConsumer(LanguageIdentifier identifier, StageTimeLimit timeLimit, ILogger<DetectLanguageConsumer> logger) : IConsumer<DocumentCleaned>
{
    public async Task Consume(ConsumeContext<DocumentCleaned> context)
    {
        var cleaned = context.Message;
        var clock = StageClock.Start(QueueNames.LanguageDetection);
        var language = await timeLimit.RunAsync(QueueNames.LanguageDetection,
            token => identifier.Identify(cleaned.Content.Text, token), context.CancellationToken);

        logger.LogInformation("Document {DocumentId} ({FileName}) language {Language} ({Confidence:0.00})",
            cleaned.DocumentId, cleaned.Source.FileName, language.Code, language.Confidence);

        await context.Publish(new LanguageDetected
        {
            DocumentId = cleaned.DocumentId,
            Source = cleaned.Source,
            Content = cleaned.Content,
            Language = language,
            Trail = clock.AppendTo(cleaned.Trail),
        });
    }
}
