using System.Security.Cryptography;
using System.Text;
using AiGov.Contracts;
using AiGov.IntegrationTests.Infrastructure;
using Xunit;

namespace AiGov.IntegrationTests.Reliability;

/// <summary>At-least-once delivery: every consumer gets the same message twice (same message id, as a redelivery
/// after a lost ack would bring it) and the database shows one effect — one row, one dedup decision, one trail.</summary>
[Collection(PipelineCollection.Name)]
public sealed class RedeliveryTests(PipelineFixture pipeline)
{
    private static readonly string[] s_words =
    [
        "tribunal", "ministry", "algorithm", "oversight", "dataset", "procurement", "licence", "evaluation", "parliament",
        "incident", "compute", "benchmark", "copyright", "auditor", "sandbox", "watermark", "liability", "consortium",
        "semiconductor", "transparency", "registry", "inspection", "moratorium", "safeguard", "deployment", "treaty",
        "provenance", "accountability", "researcher", "regulator", "exemption", "subsidy",
    ];

    [Theory]
    [InlineData(QueueNames.Cleaning)]
    [InlineData(QueueNames.LanguageDetection)]
    [InlineData(QueueNames.Deduplication)]
    [InlineData(QueueNames.Storage)]
    public async Task SameMessageTwice_IntoEachStage_LeavesOneRowOneDecisionOneTrail(string stage)
    {
        var id = Guid.NewGuid();
        var fileName = $"redelivery/{stage}-{id:N}.txt";
        var (message, trailLength) = MessageFor(stage, id, fileName);
        var stageAcks = await AcknowledgedAsync(stage);

        var messageId = Guid.NewGuid();
        await pipeline.VirtualHost.PublishEnvelopeToAsync(stage, message.GetType().FullName!, message, messageId: messageId);
        await pipeline.VirtualHost.PublishEnvelopeToAsync(stage, message.GetType().FullName!, message, messageId: messageId);

        var row = (await pipeline.WaitForRowsAsync([fileName], TimeSpan.FromSeconds(90)))[fileName];
        Assert.Equal((id, "stored"), (row.Id, row.Status));
        // The stage took both copies; whatever the second one sent on has been through the later stages too.
        await WaitForAcknowledgedAsync(stage, stageAcks + 2);
        await WaitForQuietPipelineAsync();

        Assert.Single(await pipeline.RowsAsync([fileName]));
        Assert.Equal(trailLength, await CountAsync("SELECT count(*) FROM document_events WHERE document_id = @id", id));
        var expectedDecisions = stage == QueueNames.Storage ? 0 : 1;
        Assert.Equal(expectedDecisions, await CountAsync("SELECT count(*) FROM dedup_documents WHERE document_id = @id", id));
        Assert.Equal(expectedDecisions, await CountAsync("SELECT count(*) FROM content_fingerprints WHERE document_id = @id", id));
        Assert.Equal(0, await CountAsync("""
            SELECT count(*) - count(DISTINCT anchor_key) FROM story_anchors
            WHERE seq = (SELECT seq FROM dedup_documents WHERE document_id = @id)
            """, id));
    }

    [Fact]
    public async Task SameFailingMessageTwice_LeavesOneFailedRow_WithOneTrail()
    {
        var id = Guid.NewGuid();
        var fileName = $"redelivery/broken-{id:N}.pdf";
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.7\nthis is no PDF at all, the cross-reference table is missing\n%%EOF\n");
        var message = new DocumentArrived { DocumentId = id, Source = TestDocuments.Source(fileName, bytes), Content = bytes };
        var storageAcks = await AcknowledgedAsync(QueueNames.Storage);

        var messageId = Guid.NewGuid();
        await pipeline.VirtualHost.PublishEnvelopeToAsync(QueueNames.Cleaning, typeof(DocumentArrived).FullName!, message, messageId: messageId);
        await pipeline.VirtualHost.PublishEnvelopeToAsync(QueueNames.Cleaning, typeof(DocumentArrived).FullName!, message, messageId: messageId);

        var row = (await pipeline.WaitForRowsAsync([fileName], TimeSpan.FromSeconds(90)))[fileName];
        Assert.Equal("failed", row.Status);
        Assert.StartsWith("cleaning_failed:", row.Error);
        await WaitForAcknowledgedAsync(QueueNames.Storage, storageAcks + 2);

        Assert.Single(await pipeline.RowsAsync([fileName]));
        // The failing stage and storage, each once.
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM document_events WHERE document_id = @id", id));
    }

    /// <summary>The message the stage before <paramref name="stage"/> would send, and how long the stored trail
    /// of one pass is (the stages from <paramref name="stage"/> on; the test's message starts with no trail).</summary>
    private static (object Message, int TrailLength) MessageFor(string stage, Guid id, string fileName)
    {
        var text = Article(id);
        var bytes = Encoding.UTF8.GetBytes(text);
        var source = TestDocuments.Source(fileName, bytes);
        var content = new CleanContent
        {
            Title = text[..text.IndexOf('\n')],
            Text = text,
            ContentSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            SourceFormat = "plain_text",
            Encoding = "utf-8",
        };
        var language = new DetectedLanguage { Code = "en", Confidence = 0.99 };
        return stage switch
        {
            QueueNames.Cleaning => (new DocumentArrived { DocumentId = id, Source = source, Content = bytes }, 4),
            QueueNames.LanguageDetection => (new DocumentCleaned { DocumentId = id, Source = source, Content = content }, 3),
            QueueNames.Deduplication => (new LanguageDetected { DocumentId = id, Source = source, Content = content, Language = language }, 2),
            _ => (new DocumentDeduplicated { DocumentId = id, Source = source, Content = content, Language = language, StoryId = id }, 1),
        };
    }

    /// <summary>An English article of its own: words drawn from the id, so no two tests' texts are near duplicates.</summary>
    private static string Article(Guid id)
    {
        var random = new Random(BitConverter.ToInt32(id.ToByteArray()));
        string Sentence() => "The " + string.Join(' ', Enumerable.Range(0, 14).Select(_ => s_words[random.Next(s_words.Length)])) + " was discussed again.";
        var paragraphs = Enumerable.Range(0, 4).Select(_ => string.Join(' ', Enumerable.Range(0, 3).Select(_ => Sentence())));
        return $"Redelivery report {id:N}\n\n{string.Join("\n\n", paragraphs)}";
    }

    /// <summary>Every stage queue empty, twice, more than the management API's 5 s refresh apart.</summary>
    private async Task WaitForQuietPipelineAsync()
    {
        for (var i = 0; i < 2; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(6));
            var queues = await pipeline.WaitForDrainedQueuesAsync(TimeSpan.FromSeconds(60));
            Assert.All(queues.Values, q => Assert.True(q is { Ready: 0, Unacknowledged: 0 }, $"{q}\n{pipeline.ServiceLogTails()}"));
        }
    }

    private async Task<long> AcknowledgedAsync(string queue) => (await pipeline.VirtualHost.GetQueueAsync(queue))?.Acknowledged ?? 0;

    private async Task WaitForAcknowledgedAsync(string queue, long atLeast)
    {
        var state = await pipeline.WaitForQueueAsync(queue, s => s.Acknowledged >= atLeast, TimeSpan.FromSeconds(60));
        Assert.True(state?.Acknowledged >= atLeast, $"{queue} acknowledged {state?.Acknowledged}, expected at least {atLeast}\n{pipeline.ServiceLogTails()}");
    }

    private async Task<long> CountAsync(string sql, Guid id)
    {
        await using var command = pipeline.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", id);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
