using AiGov.Cli;
using AiGov.Infrastructure.Persistence;
using AiGov.IntegrationTests.Infrastructure;
using AiGov.Text.Boilerplate;
using Spectre.Console.Testing;
using Xunit;

namespace AiGov.IntegrationTests.Cli;

/// <summary><c>aigov site-phrases</c> on the real database: the lines a site repeats, from its stored documents.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class SitePhrasesCommandTests(DatabaseFixture database) : IAsyncLifetime
{
    private readonly TestConsole _console = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("aigov-site-phrases-").FullName;

    public async Task InitializeAsync()
    {
        await database.TruncateAsync();
        var store = new DocumentStore(database.DataSource);
        // example.org: six articles, five end with the follow-us line; in the sixth the cleaner already dropped it
        // (a site-repeat block), which counts as well. news.example: five articles naming their source only.
        for (var i = 0; i < 6; i++)
        {
            var id = Guid.NewGuid();
            var text = $"Headline {i}\n\nThe council adopted rule number {i} on artificial intelligence." + (i < 5 ? "\n\nFollow Example News on WeChat" : "");
            RemovedBlockRecord[] blocks = i < 5 ? [] : [new RemovedBlockRecord { DocumentId = id, Ordinal = 0, Label = "site-repeat", Text = "Follow Example News on WeChat" }];
            await store.SaveAsync(Document(id, $"news/{i}.txt", text) with { SourceUrl = $"https://www.example.org/news/{i}" }, blocks, [], CancellationToken.None);
        }

        for (var i = 0; i < 5; i++)
        {
            await store.SaveAsync(Document(Guid.NewGuid(), $"wire/{i}.txt", $"Wire story {i}.\n\nEditor: Li Ming") with { Source = "News Example Agency" }, CancellationToken.None);
        }

        // A document naming no site is counted as skipped.
        await store.SaveAsync(Document(Guid.NewGuid(), "loose/0.txt", "No site.\n\nFollow Example News on WeChat"), CancellationToken.None);

        // Four copies of one article do not make its lines a phrase.
        for (var i = 0; i < 4; i++)
        {
            await store.SaveAsync(Document(Guid.NewGuid(), $"copies/{i}.txt", "The same text.\n\nOnly in copies") with { SourceUrl = "https://copies.example/a" }, CancellationToken.None);
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Writes_the_lines_each_site_repeats_as_the_cleaners_file()
    {
        var path = Path.Combine(_directory, "data", "site-phrases.txt");

        var exit = await new SitePhrasesCommand(new DocumentQueries(database.DataSource), _console, TextWriter.Null)
            .RunAsync(path, minDocuments: 5, minShare: 0.5, CancellationToken.None);

        Assert.Equal(0, exit);
        var phrases = SitePhrases.Parse(await File.ReadAllTextAsync(path), path);
        Assert.Equal(["follow example news on wechat"], phrases.For("example.org")!.Order());
        Assert.Equal(["editor: li ming"], phrases.For("news example agency")!.Order());
        Assert.Null(phrases.For("copies.example"));
        Assert.Contains("15 documents of 3 sites read (1 without an address or source skipped)", _console.Output.ReplaceLineEndings(" "));
        Assert.False(File.Exists(path + ".tmp"));
    }

    private static DocumentRecord Document(Guid id, string fileName, string text) => new()
    {
        Id = id,
        FileName = fileName,
        RawSha256 = new string('a', 64),
        Status = DocumentStatus.Stored,
        Title = "Headline",
        CleanText = text,
        ContentSha256 = new string('c', 64),
        Language = "en",
        LanguageConfidence = 0.99,
        ReceivedAt = DateTimeOffset.UtcNow,
    };
}
