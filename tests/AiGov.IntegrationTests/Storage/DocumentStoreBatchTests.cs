using AiGov.Infrastructure.Persistence;
using AiGov.IntegrationTests.Infrastructure;
using Xunit;

namespace AiGov.IntegrationTests.Storage;

/// <summary>The storage service's batch writes keep the single write's rules: one row per id, a redelivery is a
/// no-op, a failed row and a lower revision are replaced, removed blocks and trail go with the written row.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class DocumentStoreBatchTests(DatabaseFixture database) : IAsyncLifetime
{
    private readonly DocumentStore _store = new(database.DataSource);

    public Task InitializeAsync() => database.TruncateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SaveBatch_WritesEachDocumentOnce_WithBlocksAndTrail()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();

        var written = await _store.SaveBatchAsync([Write(Stored(a, "a.txt"), blocks: 2), Write(Stored(b, "b.txt") with { Status = DocumentStatus.Duplicate, DuplicateOf = a, Similarity = 1.0 })], CancellationToken.None);

        Assert.Equal(new HashSet<Guid> { a, b }, written.ToHashSet());
        Assert.Equal([("stored", "Title")], await RowsAsync(a));
        Assert.Equal([("duplicate", "Title")], await RowsAsync(b));
        Assert.Equal(2, await CountAsync("document_removed_blocks", a));
        Assert.Equal(3, await CountAsync("document_events", a));
    }

    [Fact]
    public async Task SaveBatch_LeavesRowsAsTheyWere_WhenTheBatchIsRedelivered_AndWritesASecondCopyInOneBatchOnce()
    {
        var id = Guid.NewGuid();
        var first = Write(Stored(id, "r.txt"), blocks: 1);

        Assert.Single(await _store.SaveBatchAsync([first, first], CancellationToken.None));
        Assert.Empty(await _store.SaveBatchAsync([Write(Stored(id, "r.txt") with { Title = "changed" })], CancellationToken.None));

        Assert.Equal([("stored", "Title")], await RowsAsync(id));
        Assert.Equal(1, await CountAsync("document_removed_blocks", id));
        Assert.Equal(3, await CountAsync("document_events", id));
    }

    [Fact]
    public async Task SaveBatch_ReplacesAFailedRowAndALowerRevision_ButNotAStoredRowWithTheSameRevision()
    {
        var failed = Guid.NewGuid();
        var reprocessed = Guid.NewGuid();
        var kept = Guid.NewGuid();
        await _store.SaveAsync(Failed(failed), [], [Event(failed, 0, "failed")], CancellationToken.None);
        await _store.SaveAsync(Stored(reprocessed, "p.txt"), [new() { DocumentId = reprocessed, Ordinal = 0, Label = "nav", Text = "Home" }], CancellationToken.None);
        await _store.SaveAsync(Stored(kept, "k.txt"), CancellationToken.None);

        var written = await _store.SaveBatchAsync(
        [
            Write(Stored(failed, "f.txt") with { Title = "Got through" }),
            Write(Stored(reprocessed, "p.txt") with { Title = "Reprocessed", Revision = 1 }),
            Write(Stored(kept, "k.txt") with { Title = "Redelivered" }),
        ], CancellationToken.None);

        Assert.Equal(new HashSet<Guid> { failed, reprocessed }, written.ToHashSet());
        Assert.Equal([("stored", "Got through")], await RowsAsync(failed));
        Assert.Equal([("stored", "Reprocessed")], await RowsAsync(reprocessed));
        Assert.Equal([("stored", "Title")], await RowsAsync(kept));
        Assert.Equal(3, await CountAsync("document_events", failed));
        Assert.Equal(0, await CountAsync("document_removed_blocks", reprocessed));
    }

    private static DocumentWrite Write(DocumentRecord record, int blocks = 0) => new(
        record,
        Enumerable.Range(0, blocks).Select(i => new RemovedBlockRecord { DocumentId = record.Id, Ordinal = i, Label = "nav", Text = $"block {i}" }).ToList(),
        [Event(record.Id, 0, "passed"), Event(record.Id, 1, "passed"), Event(record.Id, 2, record.Status)]);

    private static DocumentEventRecord Event(Guid id, int ordinal, string outcome) => new()
    {
        DocumentId = id,
        Ordinal = ordinal,
        Stage = ordinal == 0 ? "watcher" : "storage",
        Host = "test",
        StartedAt = DateTimeOffset.UtcNow,
        DurationMs = 1.5,
        Outcome = outcome,
    };

    private static DocumentRecord Stored(Guid id, string fileName) => new()
    {
        Id = id,
        FileName = fileName,
        RawSha256 = new string('a', 64),
        Status = DocumentStatus.Stored,
        Title = "Title",
        CleanText = "Text",
        ContentSha256 = new string('b', 64),
        Language = "en",
        LanguageConfidence = 0.9,
        LanguageShares = """{"en": 1.0}""",
        PublishedAt = DateTimeOffset.UtcNow,
        ReceivedAt = DateTimeOffset.UtcNow,
    };

    private static DocumentRecord Failed(Guid id) => new()
    {
        Id = id,
        FileName = "f.txt",
        Status = DocumentStatus.Failed,
        Error = "cleaning_failed: boom",
        ReceivedAt = DateTimeOffset.UtcNow,
    };

    private async Task<long> CountAsync(string table, Guid id)
    {
        await using var command = database.DataSource.CreateCommand($"SELECT count(*) FROM {table} WHERE document_id = @id");
        command.Parameters.AddWithValue("id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<(string Status, string? Title)>> RowsAsync(Guid id)
    {
        await using var command = database.DataSource.CreateCommand("SELECT status, title FROM documents WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }
        return rows;
    }
}
