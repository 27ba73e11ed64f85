using System.Diagnostics;
using System.Text.Json;
using AiGov.Cli;
using AiGov.Contracts;
using AiGov.Infrastructure.Persistence;
using AiGov.IntegrationTests.Infrastructure;
using Spectre.Console;
using Spectre.Console.Testing;
using Xunit;

namespace AiGov.IntegrationTests.Cli;

[Collection(DatabaseCollection.Name)]
public sealed class CliCommandsTests(DatabaseFixture database) : IAsyncLifetime
{
    private readonly Guid _originalId = Guid.NewGuid();
    private readonly Guid _duplicateId = Guid.NewGuid();
    private readonly Guid _rejectedId = Guid.NewGuid();
    private readonly TestConsole _console = new();
    private readonly StringWriter _output = new();

    public async Task InitializeAsync()
    {
        await database.TruncateAsync();
        var store = new DocumentStore(database.DataSource);
        await store.SaveAsync(Document(_originalId, "news/original.txt", "stored", "The assembly adopted the resolution on artificial intelligence governance.") with
        {
            Source = "XinhuaNet",
        }, [new RemovedBlockRecord { DocumentId = _originalId, Ordinal = 0, Label = "comments", Text = "Leave a Reply" }],
        [
            new DocumentEventRecord { DocumentId = _originalId, Ordinal = 0, Stage = "watcher", Host = "host-a", StartedAt = DateTimeOffset.UtcNow, DurationMs = 1.5, Outcome = "passed" },
            new DocumentEventRecord { DocumentId = _originalId, Ordinal = 1, Stage = "storage", Host = "host-b", StartedAt = DateTimeOffset.UtcNow, DurationMs = 2.5, Outcome = "stored" },
        ], CancellationToken.None);
        await store.SaveAsync(Document(_duplicateId, "news/copy.txt", "duplicate", "The assembly adopted the resolution on artificial intelligence governance.") with
        {
            DuplicateOf = _originalId,
            Similarity = 1.0,
        }, CancellationToken.None);
        await store.SaveAsync(new DocumentRecord
        {
            Id = _rejectedId,
            FileName = "news/empty.txt",
            Status = DocumentStatus.Rejected,
            Error = "empty: 'news/empty.txt' is empty (0 bytes).",
            ReceivedAt = DateTimeOffset.UtcNow,
        }, CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Status_CountsDocumentsByStatusAndLanguage_AndListsTheLastErrors()
    {
        var exit = await Commands(failingQueues: true).StatusAsync(CancellationToken.None);

        Assert.Equal(0, exit);
        var text = _console.Output;
        Assert.Matches(@"stored\s*│\s*en\s*│\s*1", text);
        Assert.Matches(@"duplicate\s*│\s*en\s*│\s*1", text);
        Assert.Matches(@"total\s*│\s*│\s*3", text);
        Assert.Contains("news/empty.txt", text);
        Assert.Contains("Queues unknown", text);
    }

    [Fact]
    public async Task Status_ListsTheFilesTheWatcherLeftInTheInbox()
    {
        var dataRoot = Directory.CreateTempSubdirectory("aigov-status-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dataRoot, StuckFiles.FileName), JsonSerializer.Serialize(
                new[] { new StuckFile("locked/report.txt", StuckFiles.MaxAttempts, "Permission denied", DateTimeOffset.UtcNow) },
                new JsonSerializerOptions(JsonSerializerDefaults.Web)));

            Assert.Equal(0, await Commands(failingQueues: true).StatusAsync(dataRoot, CancellationToken.None));

            Assert.Contains("Files left in the inbox: 1", _console.Output);
            Assert.Matches(@"locked/report\.txt\s*│\s*3\s*│.*Permission denied", _console.Output);
        }
        finally
        {
            Directory.Delete(dataRoot, recursive: true);
        }
    }

    [Fact]
    public async Task Status_CountsTheMessagesNoStageCouldRead()
    {
        await using (var insert = database.DataSource.CreateCommand("""
            INSERT INTO unreadable_messages (id, queue, message_id, document_id, file_name, reason, at) VALUES
                (gen_random_uuid(), 'cleaning', gen_random_uuid(), gen_random_uuid(), 'a.html', 'unreadable_message: SerializationException: x', now()),
                (gen_random_uuid(), 'cleaning', gen_random_uuid(), NULL, NULL, 'unreadable_message: SerializationException: y', now())
            """))
        {
            await insert.ExecuteNonQueryAsync();
        }

        Assert.Equal(0, await Commands(failingQueues: true).StatusAsync(CancellationToken.None));

        Assert.Contains("Messages no stage could read: 2 (1 named no document", _console.Output);
        Assert.Matches(@"cleaning\s*│\s*2\s*│\s*1\s*│", _console.Output);
    }

    [Fact]
    public async Task Show_FindsByFileName_WithDuplicateLinksAndRemovedBlocks()
    {
        var exit = await Commands().ShowAsync("news/original.txt", CancellationToken.None);

        Assert.Equal(0, exit);
        var text = _console.Output;
        Assert.Contains(_originalId.ToString(), text);
        Assert.Contains("XinhuaNet", text);
        Assert.Contains($"duplicated by {_duplicateId} (news/copy.txt), similarity 1", text);
        Assert.Contains("removed comments: Leave a Reply", text);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(text, @"watcher\s*│\s*passed"), text);
        Assert.Matches(@"storage\s*│\s*stored", text);
        Assert.Contains("host-a", text);
    }

    [Fact]
    public async Task Show_SaysWhatToDo_WhenNoDocumentMatches()
    {
        Assert.Equal(1, await Commands().ShowAsync("nothing/here.txt", CancellationToken.None));
        Assert.Contains("No document with id or file name 'nothing/here.txt'", _console.Output);
    }

    [Fact]
    public async Task Search_FindsWordsInCleanText_WithASnippet()
    {
        await Commands().SearchAsync("resolution governance", 10, CancellationToken.None);

        Assert.Contains("news/original.txt", _console.Output);
        Assert.Contains("[resolution]", _console.Output);
    }

    [Fact]
    public async Task Search_FindsChineseWordsInsideLongerRuns_ThroughTheIndexedColumn()
    {
        var id = Guid.NewGuid();
        await new DocumentStore(database.DataSource).SaveAsync(Document(id, "news/zh.txt", "stored", "中国提出全球人工智能治理倡议，强调多边合作。") with
        {
            Language = "zh",
        }, CancellationToken.None);

        await Commands().SearchAsync("人工智能 倡议", 10, CancellationToken.None);
        Assert.Contains("news/zh.txt", _console.Output);

        var notFound = new TestConsole();
        await new Commands(new DocumentQueries(database.DataSource), () => throw new InvalidOperationException(), notFound, _output)
            .SearchAsync("智能人工", 10, CancellationToken.None);
        Assert.Contains("No document contains", notFound.Output);

        await using var plan = database.DataSource.CreateCommand(
            "SELECT count(*) FROM pg_indexes WHERE tablename = 'documents' AND indexdef LIKE '%USING gin (search_vector)%'");
        Assert.Equal(1L, await plan.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Export_WritesOneJsonObjectPerDocument_WithEveryContractColumn()
    {
        await Commands().ExportAsync(null, "duplicate", CancellationToken.None);

        var line = Assert.Single(_output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        string[] contractColumns = ["id", "file_name", "raw_sha256", "status", "error", "title", "clean_text", "content_sha256",
            "language", "language_confidence", "duplicate_of", "similarity", "received_at", "stored_at"];
        foreach (var column in contractColumns)
        {
            Assert.True(json.RootElement.TryGetProperty(column, out _), $"no {column}");
        }
        Assert.Equal(_originalId, json.RootElement.GetProperty("duplicate_of").GetGuid());
    }

    [Fact]
    public async Task Cli_SaysThatPostgresIsUnreachable_AndHowToStartIt()
    {
        // Its own build output: beside the tests it would resolve against the tests' framework set.
        var dll = Path.Combine(RepositoryPaths.Root, "tools", "AiGov.Cli", "bin", RepositoryPaths.Configuration, "net10.0", "aigov.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "status"]) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment["ConnectionStrings__Postgres"] = $"Host=127.0.0.1;Port={FreePort.Next()};Database=aigov;Username=aigov;Password=aigov;Timeout=3";
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("Cannot reach PostgreSQL at 127.0.0.1:", error);
        Assert.Contains("Is scripts/up.sh running?", error);
    }

    private Commands Commands(bool failingQueues = false) => new(
        new DocumentQueries(database.DataSource),
        () => new QueueMonitor(new CliSettings("", new Uri(failingQueues ? $"http://127.0.0.1:{FreePort.Next()}/api/" : "http://127.0.0.1:15672/api/"), "guest", "guest", "/")),
        _console, _output);

    private static DocumentRecord Document(Guid id, string fileName, string status, string text) => new()
    {
        Id = id,
        FileName = fileName,
        RawSha256 = new string('a', 64),
        Status = status,
        Title = "Resolution",
        CleanText = text,
        ContentSha256 = new string('c', 64),
        Language = "en",
        LanguageConfidence = 0.99,
        ReceivedAt = DateTimeOffset.UtcNow,
    };
}
