using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using AiGov.Deduplicator;
using AiGov.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace AiGov.DedupBench;

/// <summary>Dedup time per document with N documents already indexed. The index is filled with COPY (what the
/// service would have written for N canonical documents), then probe documents go through the service's own
/// fingerprinting and <see cref="NearDuplicateIndex"/> one at a time: half new articles, half 10 %-edited copies of
/// indexed ones. Runs in a database of its own, dropped afterwards.</summary>
public static class ScaleBench
{
    private const int ChunkSize = 5_000;

    public static async Task RunAsync(string adminConnectionString, IReadOnlyList<int> sizes, int probes)
    {
        var name = $"aigov_bench_{Guid.NewGuid():N}"[..24];
        await ExecuteAsync(adminConnectionString, $"CREATE DATABASE \"{name}\"");
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await using (var db = new AiGovDbContext(new DbContextOptionsBuilder<AiGovDbContext>().UseNpgsql(dataSource).Options))
            {
                await db.Database.MigrateAsync();
            }
            var index = new NearDuplicateIndex(dataSource, new SimilarityJudge(Options.Create(new DeduplicationOptions())));
            var corpus = SyntheticCorpus.FromSeeds(seed: 7);
            var kept = new List<string[]>();
            var indexed = 0;
            Console.WriteLine($"Scale bench in database {name}: {probes} probe documents per size (after {probes / 4} warm-up), one at a time");
            Console.WriteLine();
            Console.WriteLine("| indexed documents | fill (COPY) | fingerprint mean | index decision mean | p50 | p95 | total per document | near copies found | band rows | anchor rows |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
            foreach (var size in sizes)
            {
                var fill = Stopwatch.StartNew();
                while (indexed < size)
                {
                    var count = Math.Min(ChunkSize, size - indexed);
                    var articles = Enumerable.Range(0, count).Select(_ => corpus.Article()).ToList();
                    kept.AddRange(articles.Take(20));
                    await CopyAsync(dataSource, articles);
                    indexed += count;
                }
                await ExecuteAsync(connectionString, "VACUUM ANALYZE");
                fill.Stop();

                await ProbeAsync(index, corpus, kept, probes / 4);
                var result = await ProbeAsync(index, corpus, kept, probes);
                var bands = await ScalarAsync(dataSource, "SELECT count(*) FROM dedup_bands");
                var anchors = await ScalarAsync(dataSource, "SELECT count(*) FROM story_anchors");
                Console.WriteLine($"| {size:N0} | {fill.Elapsed.TotalSeconds:0.0} s | {result.Fingerprint.Average():0.00} ms | {result.Decide.Average():0.00} ms | " +
                    $"{Percentile(result.Decide, 0.5):0.00} ms | {Percentile(result.Decide, 0.95):0.00} ms | {result.Fingerprint.Zip(result.Decide, (f, d) => f + d).Average():0.00} ms | " +
                    $"{result.NearFound}/{result.NearProbes} | {bands:N0} | {anchors:N0} |");
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(adminConnectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private static async Task<ProbeResult> ProbeAsync(NearDuplicateIndex index, SyntheticCorpus corpus, List<string[]> kept, int probes)
    {
        var fingerprintMs = new List<double>();
        var decideMs = new List<double>();
        var nearFound = 0;
        for (var i = 0; i < probes; i++)
        {
            var isCopy = i % 2 == 1;
            var words = isCopy ? corpus.Edit(kept[Random.Shared.Next(kept.Count)], 0.10) : corpus.Article();
            var text = SyntheticCorpus.Text(words);
            var clock = Stopwatch.StartNew();
            var fingerprint = DocumentFingerprinter.Compute(Guid.NewGuid(), Sha256(text), text);
            var fingerprinted = clock.Elapsed.TotalMilliseconds;
            var decision = await index.DecideAsync(fingerprint, CancellationToken.None);
            fingerprintMs.Add(fingerprinted);
            decideMs.Add(clock.Elapsed.TotalMilliseconds - fingerprinted);
            if (isCopy && decision.IsDuplicate)
            {
                nearFound++;
            }
        }
        return new ProbeResult(fingerprintMs, decideMs, nearFound, probes / 2);
    }

    /// <summary>Writes what the service would have written for these articles as canonical documents.</summary>
    private static async Task CopyAsync(NpgsqlDataSource dataSource, List<string[]> articles)
    {
        var documents = articles.AsParallel().AsOrdered().Select(words =>
        {
            var text = SyntheticCorpus.Text(words);
            return DocumentFingerprinter.Compute(Guid.NewGuid(), Sha256(text), text);
        }).ToList();

        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY dedup_documents (document_id, canonical_id, story_id, signature, anchor_count, decided_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var d in documents)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(d.DocumentId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(d.DocumentId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(d.DocumentId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(SignatureBytes.ToBytes(d.Signature!), NpgsqlDbType.Bytea);
                await writer.WriteAsync(d.AnchorKeys.Count, NpgsqlDbType.Integer);
                await writer.WriteAsync(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz);
            }
            await writer.CompleteAsync();
        }

        var sequences = new Dictionary<Guid, long>();
        await using (var command = new NpgsqlCommand("SELECT document_id, seq FROM dedup_documents WHERE document_id = ANY(@ids)", connection))
        {
            command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", documents.Select(d => d.DocumentId).ToArray()));
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                sequences[reader.GetGuid(0)] = reader.GetInt64(1);
            }
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY dedup_bands (band_key, document_id) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var d in documents)
            {
                foreach (var key in d.BandKeys.Distinct())
                {
                    await writer.WriteRowAsync(default, key, d.DocumentId);
                }
            }
            await writer.CompleteAsync();
        }
        await using (var writer = await connection.BeginBinaryImportAsync("COPY story_anchors (anchor_key, seq) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var d in documents)
            {
                foreach (var key in d.AnchorKeys)
                {
                    await writer.WriteRowAsync(default, key, sequences[d.DocumentId]);
                }
            }
            await writer.CompleteAsync();
        }
        await using (var writer = await connection.BeginBinaryImportAsync("COPY content_fingerprints (content_sha256, document_id, first_seen_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var d in documents)
            {
                await writer.WriteRowAsync(default, d.ContentSha256, d.DocumentId, DateTimeOffset.UtcNow);
            }
            await writer.CompleteAsync();
        }
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, p * sorted.Count)];
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed record ProbeResult(List<double> Fingerprint, List<double> Decide, int NearFound, int NearProbes);
}
