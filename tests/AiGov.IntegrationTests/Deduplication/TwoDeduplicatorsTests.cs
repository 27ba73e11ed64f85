using System.Text.Json;
using AiGov.IntegrationTests.Infrastructure;
using Xunit;

namespace AiGov.IntegrationTests.Deduplication;

/// <summary>Two deduplicator processes against the real broker and database: 200 copies of one document at once
/// give exactly one canonical document, and a redelivered message gets the same decision.</summary>
public sealed class TwoDeduplicatorsTests(TwoDeduplicatorsFixture fixture) : IClassFixture<TwoDeduplicatorsFixture>
{
    private const string LanguageDetected = "AiGov.Contracts.LanguageDetected";

    [Fact]
    public async Task TwoInstances_ElectExactlyOneCanonical_When200CopiesArriveAtOnce()
    {
        var text = SeedText("001");
        var ids = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToList();

        await Task.WhenAll(ids.Chunk(20).Select(async chunk =>
        {
            foreach (var id in chunk)
            {
                await fixture.VirtualHost.PublishEnvelopeAsync(LanguageDetected, Message(id, $"race/{id}.txt", text));
            }
        }));
        var verdicts = await CollectAsync(ids.ToHashSet(), TimeSpan.FromSeconds(120));

        var canonical = Assert.Single(verdicts.Values, v => v.DuplicateOf is null);
        Assert.All(verdicts.Values.Where(v => v.DuplicateOf is not null), v =>
        {
            Assert.Equal(canonical.DocumentId, v.DuplicateOf);
            Assert.Equal(1.0, v.Similarity);
            Assert.Equal(canonical.StoryId, v.StoryId);
        });
        Assert.Equal(200L, await CountAsync($"SELECT count(*) FROM dedup_documents WHERE document_id = ANY(@ids)", ids));
        Assert.Equal(1L, await CountAsync($"SELECT count(DISTINCT document_id) FROM dedup_bands WHERE document_id = ANY(@ids)", ids));
        Assert.Equal(1L, await CountAsync($"SELECT count(*) FROM content_fingerprints WHERE document_id = ANY(@ids)", ids));
        // Each instance logs one line per document it decided: both must have decided some of the copies.
        Assert.All(fixture.ServiceLogs(), log => Assert.Contains("(race/", log, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARedeliveredMessage_GetsTheSameDecision_AndNoSecondIndexEntry()
    {
        var original = Guid.NewGuid();
        var copy = Guid.NewGuid();
        var text = SeedText("004");

        await fixture.VirtualHost.PublishEnvelopeAsync(LanguageDetected, Message(original, "redelivery/original.txt", text));
        await CollectAsync([original], TimeSpan.FromSeconds(60));
        await fixture.VirtualHost.PublishEnvelopeAsync(LanguageDetected, Message(copy, "redelivery/copy.txt", text));
        var first = (await CollectAsync([copy], TimeSpan.FromSeconds(60)))[copy];
        await fixture.VirtualHost.PublishEnvelopeAsync(LanguageDetected, Message(copy, "redelivery/copy.txt", text));
        var second = (await CollectAsync([copy], TimeSpan.FromSeconds(60)))[copy];

        Assert.Equal(original, first.DuplicateOf);
        Assert.Equal(first, second);
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM dedup_documents WHERE document_id = ANY(@ids)", [copy]));
    }

    [Fact]
    public async Task Seeds002And003_AreNotDuplicates_ButShareAStory()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();

        await fixture.VirtualHost.PublishEnvelopeAsync(LanguageDetected, Message(a, "story/002.txt", SeedText("002")));
        await CollectAsync([a], TimeSpan.FromSeconds(60));
        await fixture.VirtualHost.PublishEnvelopeAsync(LanguageDetected, Message(b, "story/003.txt", SeedText("003")));
        var verdict = (await CollectAsync([b], TimeSpan.FromSeconds(60)))[b];

        Assert.Null(verdict.DuplicateOf);
        Assert.Equal(a, verdict.StoryId);
    }

    private async Task<Dictionary<Guid, Verdict>> CollectAsync(HashSet<Guid> expected, TimeSpan timeout)
    {
        var verdicts = new Dictionary<Guid, Verdict>();
        var deadline = DateTime.UtcNow + timeout;
        while (verdicts.Count < expected.Count)
        {
            var delivery = await fixture.Channel.BasicGetAsync(TwoDeduplicatorsFixture.VerdictQueue, autoAck: true);
            if (delivery is null)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"{verdicts.Count} of {expected.Count} verdicts after {timeout.TotalSeconds:0} s\n{fixture.ServiceLogTails()}");
                }
                await Task.Delay(100);
                continue;
            }
            var verdict = Verdict.Parse(delivery.Body.Span);
            if (expected.Contains(verdict.DocumentId))
            {
                Assert.True(verdicts.TryAdd(verdict.DocumentId, verdict), $"two verdicts for {verdict.DocumentId}");
            }
        }
        return verdicts;
    }

    private async Task<long> CountAsync(string sql, IReadOnlyCollection<Guid> ids)
    {
        await using var command = fixture.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static object Message(Guid id, string fileName, string text) => new
    {
        documentId = id,
        source = new { fileName, rawSha256 = new string('0', 64), sizeBytes = text.Length, receivedAt = DateTimeOffset.UtcNow },
        content = new
        {
            text,
            contentSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))),
            sourceFormat = "plain_text",
            encoding = "utf-8",
        },
        language = new { code = "en", confidence = 0.99 },
    };

    private static string SeedText(string prefix) =>
        File.ReadAllText(RepositoryPaths.Seeds().Single(p => Path.GetFileName(p).StartsWith(prefix + "_", StringComparison.Ordinal)));

    private sealed record Verdict(Guid DocumentId, Guid? DuplicateOf, double? Similarity, Guid? StoryId)
    {
        public static Verdict Parse(ReadOnlySpan<byte> body)
        {
            using var json = JsonDocument.Parse(body.ToArray());
            var message = json.RootElement.GetProperty("message");
            var duplicate = message.TryGetProperty("duplicate", out var d) && d.ValueKind == JsonValueKind.Object ? d : (JsonElement?)null;
            return new Verdict(
                message.GetProperty("documentId").GetGuid(),
                duplicate?.GetProperty("duplicateOf").GetGuid(),
                duplicate?.GetProperty("similarity").GetDouble(),
                message.TryGetProperty("storyId", out var s) && s.ValueKind == JsonValueKind.String ? s.GetGuid() : null);
        }
    }
}
