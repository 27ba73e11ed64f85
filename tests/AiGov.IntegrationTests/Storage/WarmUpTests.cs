using AiGov.Infrastructure.Persistence;
using AiGov.IntegrationTests.Deduplication;
using AiGov.IntegrationTests.Infrastructure;
using Xunit;

namespace AiGov.IntegrationTests.Storage;

/// <summary>The start-up warm-ups of storage and dedup write like a batch and roll back: nothing stays.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class WarmUpTests(DatabaseFixture database) : IAsyncLifetime
{
    private static readonly string[] s_tables = ["documents", "document_removed_blocks", "document_events", "dedup_documents", "dedup_bands", "story_anchors", "content_fingerprints"];

    public Task InitializeAsync() => database.TruncateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_storage_warm_up_writes_a_whole_document_and_leaves_nothing()
    {
        var id = Guid.NewGuid();
        var probe = new DocumentWrite(
            new DocumentRecord { Id = id, FileName = "warm-up/probe.txt", RawSha256 = new string('0', 64), Status = DocumentStatus.Stored, CleanText = "Probe.", ContentSha256 = new string('0', 64), Language = "en", ReceivedAt = DateTimeOffset.UtcNow },
            [new RemovedBlockRecord { DocumentId = id, Ordinal = 0, Label = "nav", Text = "Home" }],
            [new DocumentEventRecord { DocumentId = id, Ordinal = 0, Stage = "storage", Host = "test", StartedAt = DateTimeOffset.UtcNow, DurationMs = 1, Outcome = "stored" }]);
        var store = new DocumentStore(database.DataSource);

        await store.WarmUpAsync(probe, CancellationToken.None);

        Assert.All(s_tables, table => Assert.Equal(0L, Count(table)));
        // The same document saved for real is written: the warm-up did not leave a conflicting row or lock behind.
        Assert.True(await store.SaveAsync(probe.Document, probe.RemovedBlocks, probe.Events, CancellationToken.None));
        Assert.Equal(1L, Count("documents"));
        Assert.Equal(1L, Count("document_removed_blocks"));
    }

    [Fact]
    public async Task The_dedup_warm_up_decides_a_document_and_leaves_nothing_in_the_index()
    {
        var index = new NearDuplicateIndex(database.DataSource, new TestJudge());
        var probe = TestFingerprints.Of(Guid.NewGuid(), "probe-hash", TestFingerprints.RandomSignature(new Random(7)), 1, 2, 3, 4, 5, 6);

        await index.WarmUpAsync(probe, CancellationToken.None);

        Assert.All(s_tables, table => Assert.Equal(0L, Count(table)));
        // Deciding the same fingerprint for real finds nothing before it: it is new.
        var decision = await index.DecideAsync(probe, CancellationToken.None);
        Assert.False(decision.IsDuplicate);
        Assert.Equal(1L, Count("dedup_documents"));
    }

    private long Count(string table)
    {
        using var command = database.DataSource.CreateCommand($"SELECT count(*) FROM {table}");
        return (long)command.ExecuteScalar()!;
    }
}
