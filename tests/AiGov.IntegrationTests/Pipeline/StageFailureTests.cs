using AiGov.Contracts;
using AiGov.IntegrationTests.Infrastructure;
using Xunit;

namespace AiGov.IntegrationTests.Pipeline;

[Collection(PipelineCollection.Name)]
public sealed class StageFailureTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task MessageAStageCannotProcess_EndsAsFailedRow_AndInItsErrorQueue()
    {
        const string fileName = "failures/poison.txt";
        var documentId = Guid.NewGuid();
        // A language-detected message without the content hash the deduplicator needs: it fails on every retry.
        await pipeline.VirtualHost.PublishEnvelopeAsync(typeof(LanguageDetected).FullName!, new
        {
            documentId,
            source = new { fileName, rawSha256 = new string('0', 64), sizeBytes = 5, receivedAt = DateTimeOffset.UtcNow },
            content = new { title = (string?)null, text = "Some text.", contentSha256 = (string?)null, sourceFormat = "plain_text", encoding = "utf-8" },
            language = new { code = "en", confidence = 0.9 },
        });

        var row = (await pipeline.WaitForRowsAsync([fileName], TimeSpan.FromSeconds(60)))[fileName];

        Assert.Equal(documentId, row.Id);
        Assert.Equal("failed", row.Status);
        Assert.StartsWith("deduplication_failed: ", row.Error);
        await using var trail = pipeline.DataSource.CreateCommand(
            "SELECT string_agg(stage || ':' || outcome, ' ' ORDER BY ordinal) FROM document_events WHERE document_id = @id");
        trail.Parameters.AddWithValue("id", documentId);
        Assert.Equal("deduplication:failed storage:failed", await trail.ExecuteScalarAsync());
        var errorQueue = await pipeline.WaitForQueueAsync(QueueNames.Deduplication + "_error", q => q.Ready >= 1, TimeSpan.FromSeconds(30));
        Assert.NotNull(errorQueue);
        Assert.Equal(1, errorQueue.Ready);
    }

    [Fact]
    public async Task MessageWithABrokenBody_EndsAsFailedRow_WhenItStillNamesItsDocument_AndIsCountedOtherwise()
    {
        const string fileName = "failures/broken-body.html";
        var documentId = Guid.NewGuid();
        var unreadableBefore = await CountUnreadableAsync();

        // Cut off mid-envelope: not JSON, but the document id and the file name are still in it.
        await pipeline.VirtualHost.PublishRawToAsync(QueueNames.Cleaning,
            $$"""{"messageId":"{{Guid.NewGuid()}}","messageType":["urn:message:AiGov.Contracts:DocumentArrived"],"message":{"documentId":"{{documentId}}","source":{"fileName":"{{fileName}}","siz""");
        // Names nothing at all.
        await pipeline.VirtualHost.PublishRawToAsync(QueueNames.Cleaning, "\u0000 not a message");

        var row = (await pipeline.WaitForRowsAsync([fileName], TimeSpan.FromSeconds(60)))[fileName];
        Assert.Equal(documentId, row.Id);
        Assert.Equal("failed", row.Status);
        Assert.StartsWith("cleaning_failed: unreadable_message: SerializationException: ", row.Error);
        for (var i = 0; i < 60 && await CountUnreadableAsync() < unreadableBefore + 2; i++)
        {
            await Task.Delay(500);
        }
        Assert.Equal(unreadableBefore + 2, await CountUnreadableAsync());
        Assert.NotNull(await pipeline.WaitForQueueAsync(QueueNames.Cleaning + "_error", q => q.Ready >= 2, TimeSpan.FromSeconds(30)));
    }

    private async Task<long> CountUnreadableAsync()
    {
        await using var count = pipeline.DataSource.CreateCommand("SELECT count(*) FROM unreadable_messages WHERE queue = 'cleaning'");
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
