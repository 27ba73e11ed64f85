using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace AiGov.Infrastructure.Persistence;

/// <summary>The deduplication index in PostgreSQL: exact duplicates by content hash (<c>content_fingerprints</c>),
/// near duplicates by MinHash LSH band keys (<c>dedup_bands</c>), stories by shared names and numbers
/// (<c>story_anchors</c>), and every decision (<c>dedup_documents</c>).</summary>
/// <remarks>One transaction per document. It first takes a transaction-level advisory lock on the content hash and
/// on every band key, in ascending order (no deadlock between two documents). Any two documents that could be
/// duplicates of each other share at least one of these keys, so they are decided one after the other, and the
/// second sees the first's committed rows. A redelivered document finds its own decision and gets it back
/// unchanged, writing nothing.</remarks>
public sealed class NearDuplicateIndex(NpgsqlDataSource dataSource, IDuplicateJudge judge)
{
    // Per anchor, only the newest documents naming it are looked at: a name every article mentions ("China")
    // would otherwise make the look-up grow with the corpus.
    private const int DocumentsPerAnchor = 100;
    private const int StoryCandidates = 50;

    private const string LockSql = "SELECT count(pg_advisory_xact_lock(k)) FROM unnest(@locks) AS k";

    private const string PreviousDecisionSql = """
        SELECT canonical_id, similarity, story_id FROM dedup_documents WHERE document_id = @id
        """;

    private const string ExactMatchSql = """
        SELECT coalesce(d.canonical_id, f.document_id), coalesce(d.story_id, f.document_id)
        FROM content_fingerprints f LEFT JOIN dedup_documents d ON d.document_id = f.document_id
        WHERE f.content_sha256 = @hash
        """;

    private const string NearCandidatesSql = """
        SELECT d.document_id, d.seq, d.story_id, d.signature
        FROM dedup_documents d
        WHERE d.document_id IN (SELECT b.document_id FROM dedup_bands b WHERE b.band_key = ANY(@bands))
        """;

    private const string StoryCandidatesSql = """
        SELECT d.document_id, d.seq, d.story_id, d.anchor_count, c.shared
        FROM (SELECT a.seq, count(*)::int AS shared
              FROM unnest(@anchors) AS k(anchor_key)
              CROSS JOIN LATERAL (SELECT s.seq FROM story_anchors s WHERE s.anchor_key = k.anchor_key
                                  ORDER BY s.seq DESC LIMIT @per_anchor) a
              GROUP BY a.seq HAVING count(*) >= @min_shared
              ORDER BY count(*) DESC LIMIT @story_candidates) c
        JOIN dedup_documents d ON d.seq = c.seq
        """;

    private const string InsertDecisionSql = """
        WITH decision AS (
            INSERT INTO dedup_documents (document_id, canonical_id, similarity, story_id, signature, anchor_count, decided_at)
            VALUES (@id, @canonical, @similarity, @story, @signature, @anchor_count, now())
            RETURNING seq)
        INSERT INTO story_anchors (anchor_key, seq)
        SELECT k, decision.seq FROM decision, unnest(@anchors) AS k
        """;

    private const string InsertBandsSql = """
        INSERT INTO dedup_bands (band_key, document_id) SELECT k, @id FROM unnest(@bands) AS k ON CONFLICT DO NOTHING
        """;

    private const string ClaimHashSql = """
        INSERT INTO content_fingerprints (content_sha256, document_id, first_seen_at) VALUES (@hash, @id, now())
        ON CONFLICT (content_sha256) DO NOTHING
        """;

    public async Task<DedupDecision> DecideAsync(DedupFingerprint document, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var found = await LockAndLookUpAsync(connection, transaction, document, cancellationToken);
        if (found.Previous is { } previous)
        {
            await transaction.CommitAsync(cancellationToken);
            return previous;
        }
        var decision = Decide(document, found);
        await RecordAsync(connection, transaction, document, decision, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return decision;
    }

    private DedupDecision Decide(DedupFingerprint document, LookUp found)
    {
        var id = document.DocumentId;
        if (found.Exact is { } exact)
        {
            return new DedupDecision(id, exact.CanonicalId, 1.0, exact.StoryId);
        }
        if (document.Signature is { } signature)
        {
            // The earliest matching canonical document wins, as if the documents had arrived one at a time.
            var near = found.Near
                .Select(c => (Candidate: c, Similarity: judge.NearDuplicateSimilarity(signature, c.Signature)))
                .Where(m => m.Similarity is not null)
                .OrderBy(m => m.Candidate.Sequence)
                .FirstOrDefault();
            if (near.Similarity is { } similarity)
            {
                return new DedupDecision(id, near.Candidate.DocumentId, similarity, near.Candidate.StoryId);
            }
        }
        var story = found.Stories
            .Where(s => judge.IsSameStory(s.SharedAnchors, document.AnchorKeys.Count, s.AnchorCount))
            .OrderByDescending(s => s.SharedAnchors)
            .ThenBy(s => s.Sequence)
            .Select(s => (Guid?)s.StoryId)
            .FirstOrDefault();
        return new DedupDecision(id, id, null, story ?? id);
    }

    private async Task<LookUp> LockAndLookUpAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DedupFingerprint document, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command(LockSql, Parameter("locks", LockKeys(document))));
        batch.BatchCommands.Add(Command(PreviousDecisionSql, Parameter("id", document.DocumentId)));
        batch.BatchCommands.Add(Command(ExactMatchSql, Parameter("hash", document.ContentSha256)));
        batch.BatchCommands.Add(Command(NearCandidatesSql, Parameter("bands", document.BandKeys.ToArray())));
        batch.BatchCommands.Add(Command(StoryCandidatesSql,
            Parameter("anchors", document.AnchorKeys.ToArray()),
            Parameter("per_anchor", DocumentsPerAnchor),
            Parameter("min_shared", (long)judge.MinSharedAnchors),
            Parameter("story_candidates", StoryCandidates)));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken); // the lock's count

        DedupDecision? previous = null;
        if (await reader.ReadAsync(cancellationToken))
        {
            previous = new DedupDecision(document.DocumentId, reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetDouble(1), reader.GetGuid(2));
        }
        await reader.NextResultAsync(cancellationToken);

        ExactMatch? exact = null;
        if (await reader.ReadAsync(cancellationToken))
        {
            exact = new ExactMatch(reader.GetGuid(0), reader.GetGuid(1));
        }
        await reader.NextResultAsync(cancellationToken);

        var near = new List<NearCandidate>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(3))
            {
                near.Add(new NearCandidate(reader.GetGuid(0), reader.GetInt64(1), reader.GetGuid(2), SignatureBytes.FromBytes(reader.GetFieldValue<byte[]>(3))));
            }
        }
        await reader.NextResultAsync(cancellationToken);

        var stories = new List<StoryCandidate>();
        while (await reader.ReadAsync(cancellationToken))
        {
            stories.Add(new StoryCandidate(reader.GetGuid(0), reader.GetInt64(1), reader.GetGuid(2), reader.GetInt32(3), reader.GetInt32(4)));
        }
        return new LookUp(previous, exact, near, stories);
    }

    private static async Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DedupFingerprint document, DedupDecision decision, CancellationToken cancellationToken)
    {
        // Only canonical documents are indexed: a later document is compared with the group's first one, so a
        // chain of small edits cannot drift into a "duplicate" of something quite different, and a large group
        // does not turn into a large candidate list.
        var canonical = !decision.IsDuplicate;
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command(InsertDecisionSql,
            Parameter("id", document.DocumentId),
            Parameter("canonical", decision.CanonicalId),
            new NpgsqlParameter("similarity", NpgsqlDbType.Double) { Value = decision.Similarity ?? (object)DBNull.Value },
            Parameter("story", decision.StoryId),
            new NpgsqlParameter("signature", NpgsqlDbType.Bytea) { Value = canonical && document.Signature is { } s ? SignatureBytes.ToBytes(s) : DBNull.Value },
            Parameter("anchor_count", canonical ? document.AnchorKeys.Count : 0),
            Parameter("anchors", canonical ? document.AnchorKeys.ToArray() : [])));
        if (canonical)
        {
            batch.BatchCommands.Add(Command(ClaimHashSql, Parameter("hash", document.ContentSha256), Parameter("id", document.DocumentId)));
            if (document.Signature is not null)
            {
                batch.BatchCommands.Add(Command(InsertBandsSql, Parameter("bands", document.BandKeys.ToArray()), Parameter("id", document.DocumentId)));
            }
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The content hash and every band key, ascending.</summary>
    private static long[] LockKeys(DedupFingerprint document)
    {
        var keys = new SortedSet<long>(document.BandKeys) { HashLockKey(document.ContentSha256) };
        return [.. keys];
    }

    // The same key in every process: derived from the hash's bytes, never from string.GetHashCode.
    private static long HashLockKey(string contentSha256) =>
        BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(contentSha256)));

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Parameter<T>(string name, T value) => new NpgsqlParameter<T>(name, value);

    private sealed record LookUp(DedupDecision? Previous, ExactMatch? Exact, List<NearCandidate> Near, List<StoryCandidate> Stories);

    private sealed record ExactMatch(Guid CanonicalId, Guid StoryId);

    private sealed record NearCandidate(Guid DocumentId, long Sequence, Guid StoryId, uint[] Signature);

    private sealed record StoryCandidate(Guid DocumentId, long Sequence, Guid StoryId, int AnchorCount, int SharedAnchors);
}
