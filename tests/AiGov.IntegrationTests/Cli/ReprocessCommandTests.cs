using System.Text;
using AiGov.Cli;
using AiGov.Contracts;
using AiGov.IntegrationTests.Infrastructure;
using Spectre.Console.Testing;
using Xunit;

namespace AiGov.IntegrationTests.Cli;

/// <summary>`aigov reprocess` against the running pipeline: a row spoiled after it was stored (as a bug in a stage
/// would leave it) is put right by re-running the document from that stage.</summary>
[Collection(PipelineCollection.Name)]
public sealed class ReprocessCommandTests(PipelineFixture pipeline)
{
    // Three unrelated articles: the tests share one pipeline, and near-duplicates would be stored as duplicates.
    private static readonly Dictionary<string, string> s_articles = new()
    {
        ["cleaning"] = """
            Lawmakers approve the national strategy for artificial intelligence

            The parliament approved the national strategy on Tuesday after a long debate about oversight, audits of
            high-risk systems and the funding of public research laboratories.

            The minister said the new agency would publish its first evaluation report before the end of next year.
            """,
        ["language"] = """
            Regulators open a consultation on facial recognition in railway stations

            The transport regulator asked passengers, unions and operators to comment on cameras that identify
            travellers, and promised that no contract would be signed before the consultation closes in March.

            Civil liberty groups welcomed the delay but asked for a complete ban in public spaces.
            """,
        ["dry"] = """
            Universities share computing clusters for open model research

            Eleven universities agreed to pool their graphics processors so that small laboratories can train and
            evaluate open models without renting capacity from cloud companies.

            The consortium will publish a quarterly account of how the hours were shared between teams.
            """,
        ["outside"] = """
            Court orders a city to publish the source code of its benefits algorithm

            The administrative court ruled that residents refused housing benefits must be able to see how the scoring
            system weighed their applications, and gave the city three months to release the code and its test data.

            The city said it would appeal, arguing that publishing the thresholds would invite applicants to game them.
            """,
    };


    private readonly TestConsole _console = new TestConsole().Width(400);

    [Fact]
    public async Task Reprocess_FromCleaning_RebuildsASpoiledRow_FromTheProcessedFile_AndRaisesTheRevision()
    {
        var fileName = $"reprocess/cleaning-{Guid.NewGuid():N}.txt";
        var original = await DropAndWaitAsync(fileName, "cleaning");
        await ExecuteAsync("UPDATE documents SET clean_text = 'spoiled', title = 'spoiled', language = 'xx' WHERE id = @id", original.Id);

        var exit = await Reprocess(QueueNames.Cleaning, new ReprocessSelection([original.Id], null, null, false, null));

        Assert.Equal(0, exit);
        Assert.Contains($"reprocess: sent 1 document(s) to {QueueNames.Cleaning}", _console.Output);
        var row = await WaitForRevisionAsync(original.Id, 1);
        Assert.Equal((original.CleanText, original.Title, "en", "stored"), (row.CleanText, row.Title, row.Language, row.Status));
        Assert.Equal(["watcher", "reprocess", "cleaning", "language-detection", "deduplication", "storage"], await TrailStagesAsync(original.Id));
    }

    [Fact]
    public async Task Reprocess_FromLanguageDetection_RedetectsTheLanguage_AndKeepsTheCleanText()
    {
        var fileName = $"reprocess/language-{Guid.NewGuid():N}.txt";
        var original = await DropAndWaitAsync(fileName, "language");
        await ExecuteAsync("UPDATE documents SET language = 'xx', language_confidence = 0.1 WHERE id = @id", original.Id);

        var exit = await Reprocess(QueueNames.LanguageDetection, new ReprocessSelection([original.Id], null, null, false, null));

        Assert.Equal(0, exit);
        var row = await WaitForRevisionAsync(original.Id, 1);
        Assert.Equal(("en", original.CleanText), (row.Language, row.CleanText));
        Assert.True(row.LanguageConfidence > 0.5, $"confidence {row.LanguageConfidence}");
        Assert.Equal(["watcher", "cleaning", "reprocess", "language-detection", "deduplication", "storage"], await TrailStagesAsync(original.Id));
    }

    [Fact]
    public async Task Reprocess_DryRun_ListsAndSendsNothing_AndSkipsWhatCannotBeRerun()
    {
        var fileName = $"reprocess/dry-{Guid.NewGuid():N}.txt";
        var original = await DropAndWaitAsync(fileName, "dry");
        File.Delete(Directory.EnumerateFiles(pipeline.Processed, Path.GetFileName(fileName), SearchOption.AllDirectories).Single());
        var unknown = Guid.NewGuid();

        var fromCleaning = await Reprocess(QueueNames.Cleaning, new ReprocessSelection([original.Id, unknown], null, null, false, null), dryRun: true);
        var fromStorage = await Reprocess(QueueNames.Storage, new ReprocessSelection([original.Id], null, null, false, null), dryRun: true);

        Assert.Equal((0, 0), (fromCleaning, fromStorage));
        Assert.Contains($"skipped {unknown}: no such document", _console.Output);
        Assert.Contains($"skipped {original.Id} ({fileName}): the original file is not under processed/", _console.Output);
        Assert.Contains("reprocess: dry run, would send 0 document(s) to cleaning (2 skipped); nothing sent", _console.Output);
        Assert.Contains("reprocess: dry run, would send 1 document(s) to storage (0 skipped); nothing sent", _console.Output);
        Assert.Equal(0, (await ReadRevisionAsync(original.Id)).Revision);
    }

    [Fact]
    public async Task Reprocess_FromCleaning_ReadsNothingOutsideProcessed_AndSkipsRowsWithoutAHash()
    {
        var fileName = $"reprocess/outside-{Guid.NewGuid():N}.txt";
        var original = await DropAndWaitAsync(fileName, "outside");
        // A copy of the original outside processed/, so only the path check can keep it from being read.
        var outsideFolder = Directory.CreateDirectory(Path.Combine(pipeline.DataRoot, $"outside-{original.Id:N}")).FullName;
        var outside = Path.Combine(outsideFolder, "copy.txt");
        File.Copy(Directory.EnumerateFiles(pipeline.Processed, Path.GetFileName(fileName), SearchOption.AllDirectories).Single(), outside);
        var linkFolder = Path.Combine(pipeline.Processed, $"link-{original.Id:N}");
        Directory.CreateSymbolicLink(linkFolder, outsideFolder);
        try
        {
            foreach (var escaping in new[] { $"../outside-{original.Id:N}/copy.txt", outside, $"link-{original.Id:N}/copy.txt" })
            {
                await ExecuteAsync($"UPDATE documents SET file_name = '{escaping}' WHERE id = @id", original.Id);

                Assert.Equal(0, await Reprocess(QueueNames.Cleaning, new ReprocessSelection([original.Id], null, null, false, null), dryRun: true));
                Assert.Contains($"skipped {original.Id} ({escaping}): the name leads outside processed/", _console.Output);
            }

            await ExecuteAsync($"UPDATE documents SET file_name = '{fileName}', raw_sha256 = NULL WHERE id = @id", original.Id);
            Assert.Equal(0, await Reprocess(QueueNames.Cleaning, new ReprocessSelection([original.Id], null, null, false, null), dryRun: true));
            Assert.Contains($"skipped {original.Id} ({fileName}): the row has no raw_sha256", _console.Output);
            Assert.Contains("reprocess: dry run, would send 0 document(s) to cleaning", _console.Output);
        }
        finally
        {
            Directory.Delete(linkFolder);
            Directory.Delete(outsideFolder, recursive: true);
        }
    }

    [Fact]
    public async Task Reprocess_RefusesAnEmptySelection_AndAnUnknownStage()
    {
        Assert.Equal(1, await Reprocess(QueueNames.Storage, new ReprocessSelection([], null, null, false, null)));
        Assert.Equal(1, await Reprocess("indexing", new ReprocessSelection([], "failed", null, false, null)));
        Assert.Contains("nothing selected", _console.Output);
        Assert.Contains("unknown stage 'indexing'", _console.Output);
    }

    private Task<int> Reprocess(string from, ReprocessSelection selection, bool dryRun = false)
    {
        var settings = new CliSettings("", new Uri($"http://{pipeline.Rabbit.Host}:{pipeline.Rabbit.ManagementPort}/api/"),
            pipeline.Rabbit.Username, pipeline.Rabbit.Password, pipeline.VirtualHost.Name, pipeline.Rabbit.Host, pipeline.Rabbit.AmqpPort);
        return new ReprocessCommand(settings, new DocumentQueries(pipeline.DataSource), pipeline.DataRoot, _console)
            .RunAsync(from, selection, dryRun, CancellationToken.None);
    }

    private async Task<DocumentRow> DropAndWaitAsync(string fileName, string article)
    {
        await pipeline.DropAsync(fileName, Encoding.UTF8.GetBytes(s_articles[article]));
        var row = (await pipeline.WaitForRowsAsync([fileName], TimeSpan.FromSeconds(90)))[fileName];
        Assert.Equal("stored", row.Status);
        return row;
    }

    private async Task ExecuteAsync(string sql, Guid id)
    {
        await using var command = pipeline.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", id);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private async Task<(int Revision, DocumentRow Row)> ReadRevisionAsync(Guid id)
    {
        await using var command = pipeline.DataSource.CreateCommand("SELECT revision, file_name FROM documents WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var (revision, fileName) = (reader.GetInt32(0), reader.GetString(1));
        return (revision, (await pipeline.RowsAsync([fileName])).Single());
    }

    private async Task<DocumentRow> WaitForRevisionAsync(Guid id, int revision)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var current = await ReadRevisionAsync(id);
            if (current.Revision >= revision)
            {
                Assert.Equal(revision, current.Revision);
                return current.Row;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Document {id} still at revision {current.Revision} after 90 s.\n{_console.Output}\n{pipeline.ServiceLogTails()}");
            }
            await Task.Delay(200);
        }
    }

    private async Task<List<string>> TrailStagesAsync(Guid id)
    {
        await using var command = pipeline.DataSource.CreateCommand("SELECT stage FROM document_events WHERE document_id = @id ORDER BY ordinal");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        var stages = new List<string>();
        while (await reader.ReadAsync())
        {
            stages.Add(reader.GetString(0));
        }
        return stages;
    }
}
