using AiGov.Contracts;
using AiGov.Infrastructure.Messaging;
using AiGov.Infrastructure.Telemetry;
using AiGov.Text;
using AiGov.Text.Pdf;
using MassTransit;

namespace AiGov.Cleaner;

/// <summary>
/// Receives the raw bytes, keeps the article, publishes the clean text with its metadata and the audit of what was
/// removed. A document the cleaner cannot read throws <see cref="UnreadableDocumentException"/>, a
/// <see cref="FormatException"/>: the stage's retry policy does not retry it, and it becomes a <c>failed</c> row; so
/// does one that takes longer than the stage's time limit (<see cref="StageTimeoutException"/>). A PDF is read by
/// <see cref="IPdfReader"/> (a child process, killed at the limit).
/// </summary>
public sealed class CleanDocumentConsumer(StageTimeLimit timeLimit, SitePhraseFile sitePhrases, IPdfReader pdfReader, ILogger<CleanDocumentConsumer> logger)
    : IConsumer<DocumentArrived>
{
    public async Task Consume(ConsumeContext<DocumentArrived> context)
    {
        var arrived = context.Message;
        var clock = StageClock.Start(QueueNames.Cleaning);
        var phrases = sitePhrases.Current;
        CleanedDocument cleaned;
        try
        {
            cleaned = await timeLimit.RunAsync(QueueNames.Cleaning,
                token => DocumentCleaner.Clean(arrived.Content, arrived.Source.FileName, phrases, pdfReader, token), context.CancellationToken);
        }
        catch (UnreadableDocumentException exception)
        {
            logger.LogWarning("Document {DocumentId} ({FileName}) cannot be cleaned: {Reason}",
                arrived.DocumentId, arrived.Source.FileName, exception.Message);
            throw;
        }
        catch (StageTimeoutException exception)
        {
            logger.LogWarning("Document {DocumentId} ({FileName}, {Bytes} bytes) not cleaned: {Reason}",
                arrived.DocumentId, arrived.Source.FileName, arrived.Content.Length, exception.Message);
            throw;
        }

        logger.LogInformation("Document {DocumentId} ({FileName}) cleaned: {Format}, {Encoding}, {Bytes} bytes -> {Chars} characters, {Removed} blocks removed",
            arrived.DocumentId, arrived.Source.FileName, cleaned.Format, cleaned.EncodingName, arrived.Content.Length, cleaned.CleanText.Length, cleaned.Removed.Count);

        await context.Publish(new DocumentCleaned
        {
            DocumentId = arrived.DocumentId,
            Source = arrived.Source,
            Content = CleanContentMapper.ToContent(cleaned),
            Trail = clock.AppendTo(arrived.Trail),
        });
    }
}
