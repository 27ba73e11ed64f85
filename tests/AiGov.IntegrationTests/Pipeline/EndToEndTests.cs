using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiGov.Contracts;
using AiGov.IntegrationTests.Infrastructure;
using Xunit;

namespace AiGov.IntegrationTests.Pipeline;

[Collection(PipelineCollection.Name)]
public sealed class EndToEndTests(PipelineFixture pipeline)
{
    private static readonly TimeSpan s_rowTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Seeds_AreStoredAsCleanEnglishRows_AndASeedDroppedAgainIsADuplicate()
    {
        var seeds = RepositoryPaths.Seeds();
        Assert.Equal(5, seeds.Count);
        var names = seeds.Select(s => "seeds-run/" + Path.GetFileName(s)).ToList();
        foreach (var (seed, name) in seeds.Zip(names))
        {
            await pipeline.DropAsync(name, await File.ReadAllBytesAsync(seed));
        }

        var rows = await pipeline.WaitForRowsAsync(names, s_rowTimeout);

        foreach (var (seed, name) in seeds.Zip(names))
        {
            var row = rows[name];
            Assert.True(row.Status == "stored", $"{name}: status {row.Status}, error {row.Error}");
            Assert.Null(row.Error);
            Assert.Equal("en", row.Language);
            Assert.InRange(row.LanguageConfidence!.Value, 0.5, 1.0);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(seed))), row.RawSha256);
            Assert.Matches("^[0-9a-f]{64}$", row.ContentSha256!);
            // Seed 003 opens with its first paragraph: it has no title line.
            Assert.True(name.Contains("003_") == row.Title is null, $"{name}: title '{row.Title}'");
            Assert.True(row.CleanText!.Length > 1000, $"{name}: clean text of only {row.CleanText.Length} characters");
            Assert.DoesNotContain("Leave a Reply", row.CleanText);
            Assert.DoesNotContain("IMPORTANT NOTICE", row.CleanText);
            Assert.DoesNotContain("Special statement", row.CleanText);
            Assert.Null(row.DuplicateOf);
            Assert.InRange(row.StoredAt, row.ReceivedAt, DateTimeOffset.UtcNow.AddMinutes(1));
            Assert.True(File.Exists(Path.Combine(pipeline.Processed, name)), $"{name} was not moved to processed/");
            Assert.False(File.Exists(Path.Combine(pipeline.Inbox, name)), $"{name} is still in the inbox");
        }
        Assert.Equal(5, rows.Values.Select(r => r.Id).Distinct().Count());
        Assert.Equal(
            ["watcher:passed", "cleaning:passed", "language-detection:passed", "deduplication:passed", "storage:stored"],
            await TrailAsync(rows[names[1]].Id));
        Assert.Equal("China’s Push for Global AI Standards Gains UN Support", rows[names[0]].Title);

        var queues = await pipeline.WaitForDrainedQueuesAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(QueueNames.All.Order(), queues.Keys.Order());
        foreach (var (queue, state) in queues)
        {
            Assert.True(state is { Ready: 0, Unacknowledged: 0 }, $"queue {queue} is not drained: {state}");
            Assert.True(state.Consumers >= 1, $"queue {queue} has no consumer");
        }

        const string copyName = "seeds-run/again/copy-of-000.txt";
        await pipeline.DropAsync(copyName, await File.ReadAllBytesAsync(seeds[0]));
        var copy = (await pipeline.WaitForRowsAsync([copyName], s_rowTimeout))[copyName];
        Assert.Equal("duplicate", copy.Status);
        Assert.Equal(rows[names[0]].Id, copy.DuplicateOf);
        Assert.Equal(1.0, copy.Similarity);
        Assert.Equal(rows[names[0]].ContentSha256, copy.ContentSha256);
        Assert.NotEqual(rows[names[0]].Id, copy.Id);
    }

    [Fact]
    public async Task RefusedFiles_BecomeRejectedRows_WithTheirReasonAndASidecar()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 2, 0, 0, 0];
        var expected = new Dictionary<string, string>
        {
            ["refused/empty.txt"] = "empty",
            ["refused/image.txt"] = "not_text",
            ["refused/photo.jpg"] = "unsupported_type",
            ["refused/escape.txt"] = "outside_inbox",
        };
        await pipeline.DropAsync("refused/empty.txt", []);
        await pipeline.DropAsync("refused/image.txt", png);
        await pipeline.DropAsync("refused/photo.jpg", png);
        var outside = Path.Combine(pipeline.DataRoot, "outside-secret.txt");
        await File.WriteAllTextAsync(outside, "not for the pipeline");
        File.CreateSymbolicLink(Path.Combine(pipeline.Inbox, "refused", "escape.txt"), outside);

        var rows = await pipeline.WaitForRowsAsync(expected.Keys, s_rowTimeout);

        foreach (var (name, reason) in expected)
        {
            var row = rows[name];
            Assert.Equal("rejected", row.Status);
            Assert.StartsWith(reason + ": ", row.Error);
            Assert.Null(row.CleanText);
            var failedPath = Path.Combine(pipeline.Failed, name);
            // The watcher publishes the rejection before it moves the file: the row can be there first.
            for (var i = 0; i < 100 && !MovedToFailed(failedPath); i++)
            {
                await Task.Delay(100);
            }
            Assert.True(MovedToFailed(failedPath), $"{name} was not moved to failed/");
            using var sidecar = JsonDocument.Parse(await File.ReadAllTextAsync(failedPath + ".error.json"));
            Assert.Equal(reason, sidecar.RootElement.GetProperty("reason").GetString());
            Assert.False(string.IsNullOrWhiteSpace(sidecar.RootElement.GetProperty("detail").GetString()));
            Assert.True(DateTimeOffset.TryParse(sidecar.RootElement.GetProperty("at").GetString(), out _));
        }
        Assert.Equal("not for the pipeline", await File.ReadAllTextAsync(outside));
        Assert.Equal(["watcher:passed", "storage:rejected"], await TrailAsync(rows["refused/empty.txt"].Id));
    }

    [Fact]
    public async Task PagesWithNoReadableText_BecomeFailedRows_NotEmptyStoredDuplicatesOfEachOther()
    {
        // Issue #14: a page whose only content is a script was stored with an empty text, and every later empty page
        // became its "exact duplicate".
        string[] names = ["no-text/app-shell.html", "no-text/another-app-shell.html"];
        await pipeline.DropAsync(names[0], Encoding.UTF8.GetBytes(
            "<html><head><title>Loading</title><script>window.render('article')</script></head><body><div id=\"app\"></div></body></html>"));
        await pipeline.DropAsync(names[1], Encoding.UTF8.GetBytes(
            "<html><body><noscript>Please enable JavaScript.</noscript><script src=\"/bundle.js\"></script></body></html>"));

        var rows = await pipeline.WaitForRowsAsync(names, s_rowTimeout);

        foreach (var name in names)
        {
            Assert.Equal("failed", rows[name].Status);
            Assert.StartsWith("cleaning_failed: no_text: ", rows[name].Error);
            Assert.Null(rows[name].DuplicateOf);
        }
    }

    /// <summary>The document's status trail as "stage:outcome", in order; every visit has a host and a time.</summary>
    private async Task<List<string>> TrailAsync(Guid id)
    {
        await using var command = pipeline.DataSource.CreateCommand("""
            SELECT stage || ':' || outcome FROM document_events
            WHERE document_id = @id AND host <> '' AND started_at > now() - interval '1 hour' AND duration_ms >= 0
            ORDER BY ordinal
            """);
        command.Parameters.AddWithValue("id", id);
        var trail = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            trail.Add(reader.GetString(0));
        }
        return trail;
    }

    private static bool MovedToFailed(string failedPath) => File.Exists(failedPath) || new FileInfo(failedPath).LinkTarget is not null;
}
