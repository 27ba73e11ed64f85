using AiGov.Infrastructure.Persistence;
using AiGov.IntegrationTests.Infrastructure;
using Xunit;

namespace AiGov.IntegrationTests.Storage;

[Collection(DatabaseCollection.Name)]
public sealed class DocumentStoreTests(DatabaseFixture database) : IAsyncLifetime
{
    private readonly DocumentStore _store = new(database.DataSource);

    public Task InitializeAsync() => database.TruncateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Save_WritesOneRow_WhenTheSameDocumentIsDeliveredTwice()
    {
        var document = Stored(Guid.NewGuid(), "a.txt");

        Assert.True(await _store.SaveAsync(document, CancellationToken.None));
        Assert.False(await _store.SaveAsync(document with { Title = "changed" }, CancellationToken.None));

        Assert.Equal(("stored", "Title"), Assert.Single(await RowsAsync(document.Id)));
    }

    [Fact]
    public async Task Save_ReplacesFailedRow_WhenTheDocumentLaterGetsThrough()
    {
        var id = Guid.NewGuid();
        await _store.SaveAsync(Failed(id), CancellationToken.None);

        Assert.True(await _store.SaveAsync(Stored(id, "b.txt"), CancellationToken.None));

        Assert.Equal([("stored", "Title")], await RowsAsync(id));
    }

    [Fact]
    public async Task Save_KeepsStoredRow_WhenALateFaultArrives()
    {
        var id = Guid.NewGuid();
        await _store.SaveAsync(Stored(id, "c.txt"), CancellationToken.None);

        Assert.False(await _store.SaveAsync(Failed(id), CancellationToken.None));

        Assert.Equal([("stored", "Title")], await RowsAsync(id));
    }

    [Fact]
    public async Task Save_ReplacesRowAndRemovedBlocks_WhenAHigherRevisionGetsThrough()
    {
        var id = Guid.NewGuid();
        await _store.SaveAsync(Stored(id, "r.txt"), [new() { DocumentId = id, Ordinal = 0, Label = "nav", Text = "Home" }], CancellationToken.None);

        Assert.True(await _store.SaveAsync(Stored(id, "r.txt") with { Title = "Reprocessed", Revision = 1 }, [], CancellationToken.None));
        Assert.False(await _store.SaveAsync(Stored(id, "r.txt") with { Title = "Redelivered", Revision = 1 }, CancellationToken.None));
        Assert.False(await _store.SaveAsync(Stored(id, "r.txt") with { Title = "Older", Revision = 0 }, CancellationToken.None));

        Assert.Equal([("stored", "Reprocessed")], await RowsAsync(id));
        await using var command = database.DataSource.CreateCommand(
            "SELECT revision, (SELECT count(*) FROM document_removed_blocks WHERE document_id = @id) FROM documents WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((1, 0L), (reader.GetInt32(0), reader.GetInt64(1)));
    }

    [Fact]
    public async Task Save_KeepsStoredRow_WhenAReprocessFails()
    {
        var id = Guid.NewGuid();
        await _store.SaveAsync(Stored(id, "s.txt"), CancellationToken.None);

        Assert.False(await _store.SaveAsync(Failed(id) with { Revision = 1 }, CancellationToken.None));

        Assert.Equal([("stored", "Title")], await RowsAsync(id));
    }

    [Fact]
    public async Task Save_StoresAText_TooLargeForAWholeSearchVector_SearchableByItsBeginning()
    {
        // 1.6 MB of distinct words: to_tsvector over all of it fails ("string is too long for tsvector").
        var id = Guid.NewGuid();
        var words = Enumerable.Range(0, 200_000).Select(i => $"w{i:x7}").ToList();
        var document = Stored(id, "huge.txt") with { CleanText = string.Join(' ', words) };

        Assert.True(await _store.SaveAsync(document, CancellationToken.None));

        Assert.Equal([("stored", "Title")], await RowsAsync(id));
        Assert.True(await MatchesAsync(id, words[0]));
        Assert.True(await MatchesAsync(id, words[(AiGovDbContext.SearchableCharacters / 9) - 100]));
        Assert.False(await MatchesAsync(id, words[^1]));
    }

    private async Task<bool> MatchesAsync(Guid id, string word)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT search_vector @@ plainto_tsquery('simple', @word) FROM documents WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("word", word);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Save_DropsNulCharacters_WhichPostgresTextCannotHold()
    {
        var id = Guid.NewGuid();
        await _store.SaveAsync(Stored(id, "d.txt") with { CleanText = "before\0after" }, CancellationToken.None);

        await using var command = database.DataSource.CreateCommand($"SELECT clean_text FROM documents WHERE id = '{id}'");
        Assert.Equal("beforeafter", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Save_StoresMetadataLanguagePartsAndRemovedBlocks_Once()
    {
        var id = Guid.NewGuid();
        var document = Stored(id, "e.txt") with
        {
            PublishedAt = new DateTimeOffset(2024, 10, 23, 4, 46, 24, TimeSpan.FromHours(8)),
            Source = "XinhuaNet",
            SourceUrl = "https://example.org/a",
            Author = "Yi Jing",
            LanguageShares = """{"en": 0.9, "zh": 0.1}""",
            LanguageSpans = """[{"start": 0, "length": 4, "code": "en", "confidence": 1.0}]""",
            StoryId = id,
        };
        RemovedBlockRecord[] blocks =
        [
            new() { DocumentId = id, Ordinal = 0, Label = "credit", Text = "Photo: CFP" },
            new() { DocumentId = id, Ordinal = 1, Label = "comments", Text = "Leave a Reply" },
        ];

        Assert.True(await _store.SaveAsync(document, blocks, CancellationToken.None));
        Assert.False(await _store.SaveAsync(document, blocks, CancellationToken.None));

        await using var row = database.DataSource.CreateCommand(
            "SELECT published_at, source, source_url, author, language_shares->>'zh', language_spans->0->>'code', story_id FROM documents WHERE id = @id");
        row.Parameters.AddWithValue("id", id);
        await using (var reader = await row.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(document.PublishedAt, reader.GetFieldValue<DateTimeOffset>(0));
            Assert.Equal(("XinhuaNet", "https://example.org/a", "Yi Jing"), (reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            Assert.Equal(("0.1", "en", id), (reader.GetString(4), reader.GetString(5), reader.GetGuid(6)));
        }
        await using var removed = database.DataSource.CreateCommand(
            "SELECT string_agg(label || ':' || text, '|' ORDER BY ordinal) FROM document_removed_blocks WHERE document_id = @id");
        removed.Parameters.AddWithValue("id", id);
        Assert.Equal("credit:Photo: CFP|comments:Leave a Reply", await removed.ExecuteScalarAsync());
    }

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
