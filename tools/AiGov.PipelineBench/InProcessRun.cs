using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using AiGov.Cleaner;
using AiGov.Contracts;
using AiGov.Deduplicator;
using AiGov.Infrastructure.Persistence;
using AiGov.Infrastructure.Telemetry;
using AiGov.LanguageDetector;
using AiGov.Storage;
using AiGov.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiGov.PipelineBench;

public sealed record InProcessResult(int Documents, int Workers, int Batch, double ElapsedSeconds, double DocsPerSecond,
    double CleanMs, double LanguageMs, double DedupMs, double StoreMs, long Rows, double LoadAverage);

/// <summary>The "in-process limit": the corpus the pipeline got, through the same stage classes the services call —
/// <see cref="DocumentCleaner"/> and <see cref="CleanContentMapper"/>, <see cref="LanguageIdentifier"/>,
/// <see cref="DocumentFingerprinter"/> and <see cref="NearDuplicateIndex"/>, <see cref="StoredDocument"/> and
/// <see cref="DocumentStore"/> — by a few workers in one process, with no broker and no messages (dedup and storage in batches, as the services do). What is left
/// between this and the pipeline is the price of the messaging.</summary>
public static class InProcessRun
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var corpus = args.Text("corpus");
        var outDir = args.Text("out");
        var workers = Math.Max(1, args.Int("workers", 4));
        var connectionString = args.Text("postgres");
        if (!Directory.Exists(corpus))
        {
            throw new ArgumentException($"--corpus {corpus} does not exist: run the pipeline command first (it writes the corpus)");
        }
        var files = Directory.GetFiles(corpus, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        // The order the pipeline dropped them in: the generator interleaves duplicates after their originals.
        var manifest = Path.Combine(corpus, "..", "drop-order.txt");
        if (File.Exists(manifest))
        {
            files = File.ReadAllLines(manifest).Select(name => Path.Combine(corpus, name)).ToList();
        }
        var articles = files.Select(f => (Name: Path.GetRelativePath(corpus, f).Replace('\\', '/'), Bytes: File.ReadAllBytes(f))).ToList();

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var db = new AiGovDbContext(new DbContextOptionsBuilder<AiGovDbContext>().UseNpgsql(dataSource).Options))
        {
            await db.Database.MigrateAsync();
        }
        PipelineRun.Log("in-process: loading the language models …");
        var models = new ScriptModels();
        models.LoadAll();
        var identifier = new LanguageIdentifier(models);
        var index = new NearDuplicateIndex(dataSource, new SimilarityJudge(Options.Create(new DeduplicationOptions())));
        var store = new DocumentStore(dataSource);

        // Warm up the JIT on a few documents that are not part of the measured corpus.
        var warm = ArticleGenerator.FromSeeds().Generate(20, seed: 999);
        foreach (var article in warm)
        {
            DocumentCleaner.Clean(article.Bytes, article.FileName);
            identifier.Identify(System.Text.Encoding.UTF8.GetString(article.Bytes));
        }

        // Workers take chunks of --batch documents: cleaning and language one by one, then the chunk's dedup decisions
        // in one index transaction and its rows in one write, as the services' batch consumers do (--batch 1: one
        // document at a time, as before they batched).
        var batchSize = Math.Max(1, args.Int("batch", 32));
        var channel = Channel.CreateBounded<List<(string Name, byte[] Bytes)>>(workers * 2);
        long cleanTicks = 0, languageTicks = 0, dedupTicks = 0, storeTicks = 0, done = 0;
        PipelineRun.Log($"in-process: {articles.Count:N0} documents, {workers} workers, batches of {batchSize}, database {new NpgsqlConnectionStringBuilder(connectionString).Database}");
        var watch = Stopwatch.StartNew();
        var producer = Task.Run(async () =>
        {
            foreach (var chunk in articles.Chunk(batchSize))
            {
                await channel.Writer.WriteAsync([.. chunk]);
            }
            channel.Writer.Complete();
        });
        var consumers = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            await foreach (var chunk in channel.Reader.ReadAllAsync())
            {
                var t0 = Stopwatch.GetTimestamp();
                var cleaned = new List<(Guid Id, DocumentSource Source, CleanContent Content, IReadOnlyList<StageVisit> Trail)>(chunk.Count);
                foreach (var (name, bytes) in chunk)
                {
                    var source = new DocumentSource { FileName = name, RawSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), SizeBytes = bytes.Length, ReceivedAt = DateTimeOffset.UtcNow };
                    IReadOnlyList<StageVisit> trail = StageClock.Start("watcher").AppendTo([]);
                    var clock = StageClock.Start(QueueNames.Cleaning);
                    var content = CleanContentMapper.ToContent(DocumentCleaner.Clean(bytes, name));
                    cleaned.Add((Guid.NewGuid(), source, content, clock.AppendTo(trail)));
                }
                var t1 = Stopwatch.GetTimestamp();

                var detected = new List<(Guid Id, DocumentSource Source, CleanContent Content, DetectedLanguage Language, IReadOnlyList<StageVisit> Trail)>(chunk.Count);
                foreach (var (id, source, content, trail) in cleaned)
                {
                    var clock = StageClock.Start(QueueNames.LanguageDetection);
                    var language = identifier.Identify(content.Text);
                    detected.Add((id, source, content, language, clock.AppendTo(trail)));
                }
                var t2 = Stopwatch.GetTimestamp();

                var dedupClock = StageClock.Start(QueueNames.Deduplication);
                var fingerprints = detected.Where(d => !string.IsNullOrWhiteSpace(d.Content.Text))
                    .Select(d => DocumentFingerprinter.Compute(d.Id, d.Content.ContentSha256, d.Content.Text)).ToList();
                var decisions = (await index.DecideBatchAsync(fingerprints, CancellationToken.None)).ToDictionary(d => d.DocumentId);
                var t3 = Stopwatch.GetTimestamp();

                var storeClock = StageClock.Start(QueueNames.Storage);
                var writes = detected.Select(d =>
                {
                    var decision = decisions.GetValueOrDefault(d.Id);
                    var trail = dedupClock.AppendTo(d.Trail);
                    var finished = new DocumentDeduplicated
                    {
                        DocumentId = d.Id,
                        Source = d.Source,
                        Content = d.Content,
                        Language = d.Language,
                        Duplicate = decision is { IsDuplicate: true } ? new DuplicateMatch { DuplicateOf = decision.CanonicalId, Similarity = decision.Similarity ?? 1.0 } : null,
                        StoryId = decision?.StoryId,
                        Trail = trail,
                    };
                    return StoredDocument.From(finished, storeClock.AppendTo(trail));
                }).ToList();
                if (batchSize == 1)
                {
                    await store.SaveAsync(writes[0], CancellationToken.None);
                }
                else
                {
                    await store.SaveBatchAsync(writes, CancellationToken.None);
                }
                var t4 = Stopwatch.GetTimestamp();

                Interlocked.Add(ref cleanTicks, t1 - t0);
                Interlocked.Add(ref languageTicks, t2 - t1);
                Interlocked.Add(ref dedupTicks, t3 - t2);
                Interlocked.Add(ref storeTicks, t4 - t3);
                var before = Interlocked.Add(ref done, chunk.Count) - chunk.Count;
                if ((before + chunk.Count) / 1000 > before / 1000)
                {
                    PipelineRun.Log($"in-process: {before + chunk.Count:N0}/{articles.Count:N0} ({(before + chunk.Count) / watch.Elapsed.TotalSeconds:0} docs/s)");
                }
            }
        })).ToList();
        await producer;
        await Task.WhenAll(consumers);
        watch.Stop();

        var rows = await PipelineRun.ScalarAsync(dataSource, "SELECT count(*) FROM documents");
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency / Math.Max(1, articles.Count);
        var result = new InProcessResult(articles.Count, workers, batchSize, watch.Elapsed.TotalSeconds, articles.Count / watch.Elapsed.TotalSeconds,
            Ms(cleanTicks), Ms(languageTicks), Ms(dedupTicks), Ms(storeTicks), rows,
            PipelineRun.LoadAverage());
        await File.WriteAllTextAsync(Path.Combine(outDir, "inprocess.json"), JsonSerializer.Serialize(result, PipelineRun.Json));
        PipelineRun.Log($"in-process: {result.DocsPerSecond:0} docs/s ({result.Documents:N0} in {result.ElapsedSeconds:0.0} s, {workers} workers, batches of {batchSize}); " +
            $"per document: clean {result.CleanMs:0.00} ms, language {result.LanguageMs:0.00} ms, dedup {result.DedupMs:0.00} ms, store {result.StoreMs:0.00} ms (wall time per worker)");
        return rows == articles.Count ? 0 : 1;
    }
}
