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
    public async Task Save_DropsNulCharacters_WhichPostgresTextCannotHold()
    {
        var id = Guid.NewGuid();
        await _store.SaveAsync(Stored(id, "d.txt") with { CleanText = "before\0after" }, CancellationToken.None);

        await using var command = database.DataSource.CreateCommand($"SELECT clean_text FROM documents WHERE id = '{id}'");
        Assert.Equal("beforeafter", await command.ExecuteScalarAsync());
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
