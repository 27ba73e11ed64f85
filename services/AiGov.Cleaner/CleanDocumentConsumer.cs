using AiGov.Contracts;
using AiGov.Text;
using MassTransit;

namespace AiGov.Cleaner;

/// <summary>Receives the raw bytes, keeps the article, publishes the clean text.</summary>
public sealed class CleanDocumentConsumer(ILogger<CleanDocumentConsumer> logger) : IConsumer<DocumentArrived>
{
    public async Task Consume(ConsumeContext<DocumentArrived> context)
    {
        var arrived = context.Message;
        var cleaned = DocumentCleaner.Clean(arrived.Content, arrived.Source.FileName);

        logger.LogInformation("Document {DocumentId} ({FileName}) cleaned: {Format}, {Encoding}, {Bytes} bytes -> {Chars} characters",
            arrived.DocumentId, arrived.Source.FileName, cleaned.Format, cleaned.EncodingName, arrived.Content.Length, cleaned.CleanText.Length);

        await context.Publish(new DocumentCleaned
        {
            DocumentId = arrived.DocumentId,
            Source = arrived.Source,
            Content = new CleanContent
            {
                Title = cleaned.Title,
                Text = cleaned.CleanText,
                ContentSha256 = cleaned.ContentSha256,
                SourceFormat = FormatName(cleaned.Format),
                Encoding = cleaned.EncodingName,
            },
        });
    }

    private static string FormatName(SourceFormat format) => format switch
    {
        SourceFormat.Html => "html",
        SourceFormat.Markdown => "markdown",
        _ => "plain_text",
    };
}
