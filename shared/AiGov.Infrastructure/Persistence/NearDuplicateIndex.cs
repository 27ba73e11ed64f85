using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace AiGov.Infrastructure.Persistence;

/// <summary>The deduplication index in PostgreSQL: exact duplicates by content hash (<c>content_fingerprints</c>),
/// near duplicates by MinHash LSH band keys (<c>dedup_bands</c>), stories by shared names and numbers
/// (<c>story_anchors</c>), and every decision (<c>dedup_documents</c>).</summary>
/// <remarks>One transaction per batch of documents (a batch of one for <see cref="DecideAsync"/>). It first takes a
/// transaction-level advisory lock on the content hash and on every band key of every document of the batch, in
/// ascending order (no deadlock between two batches). Any two documents that could be duplicates of each other share
/// at least one of these keys, so they are decided one after the other, and the second sees the first's committed
/// rows. Within a batch, documents are decided in order, each against the index and the batch's earlier documents,
/// as if they had arrived one at a time. A redelivered document finds its own decision and gets it back unchanged,
/// writing nothing. Look-ups for the whole batch take two round trips, its writes one.</remarks>
public sealed class NearDuplicateIndex(NpgsqlDataSource dataSource, IDuplicateJudge judge)
{
    // Per anchor, only the newest documents naming it are looked at: a name every article mentions ("China")
    // would otherwise make the look-up grow with the corpus.
    private const int DocumentsPerAnchor = 100;
    private const int StoryCandidates = 50;

    private const string LockSql = "SELECT count(pg_advisory_xact_lock(k)) FROM unnest(@locks) AS k";

    private const string PreviousDecisionsSql = """
        SELECT document_id, canonical_id, similarity, story_id FROM dedup_documents WHERE document_id = ANY(@ids)
        """;

    private const string ExactMatchesSql = """
        SELECT f.content_sha256, coalesce(d.canonical_id, f.document_id), coalesce(d.story_id, f.document_id)
        FROM content_fingerprints f LEFT JOIN dedup_documents d ON d.document_id = f.document_id
        WHERE f.content_sha256 = ANY(@hashes)
        """;

    private const string NearCandidatesSql = """
        SELECT b.band_key, d.document_id, d.seq, d.story_id, d.signature
        FROM dedup_bands b JOIN dedup_documents d ON d.document_id = b.document_id
        WHERE b.band_key = ANY(@bands) AND d.signature IS NOT NULL
        """;

    // Each distinct anchor of the batch once, with the newest documents naming it; which documents share the most
    // anchors with each document of the batch is counted here (a common name is named by most documents of a batch,
    // so looking it up once per batch instead of once per document is most of the saving).
    private const string AnchorHitsSql = """
        SELECT k.anchor_key, a.seq
        FROM unnest(@anchors) AS k(anchor_key)
        CROSS JOIN LATERAL (SELECT s.seq FROM story_anchors s WHERE s.anchor_key = k.anchor_key
                            ORDER BY s.seq DESC LIMIT @per_anchor) a
        """;

    private const string StoryDocumentsSql = """
        SELECT document_id, seq, story_id, anchor_count FROM dedup_documents WHERE seq = ANY(@seqs)
        """;

    // In the batch's order, so sequence numbers (earliest wins) follow the order the decisions were made in.
    private const string InsertDecisionsSql = """
        WITH decision AS (
            INSERT INTO dedup_documents (document_id, canonical_id, similarity, story_id, signature, anchor_count, decided_at)
            SELECT n.id, n.canonical, n.similarity, n.story, n.signature, n.anchor_count, now()
            FROM unnest(@ids, @canonicals, @similarities, @stories, @signatures, @anchor_counts)
                 WITH ORDINALITY AS n(id, canonical, similarity, story, signature, anchor_count, position)
            ORDER BY n.position
            RETURNING document_id, seq)
        INSERT INTO story_anchors (anchor_key, seq)
        SELECT a.anchor_key, decision.seq FROM unnest(@anchor_ids, @anchor_keys) AS a(document_id, anchor_key)
        JOIN decision ON decision.document_id = a.document_id
        """;

    private const string InsertBandsSql = """
        INSERT INTO dedup_bands (band_key, document_id) SELECT k, id FROM unnest(@bands, @band_ids) AS b(k, id) ON CONFLICT DO NOTHING
        """;

    private const string ClaimHashesSql = """
        INSERT INTO content_fingerprints (content_sha256, document_id, first_seen_at)
        SELECT h, id, now() FROM unnest(@hashes, @hash_ids) AS c(h, id)
        ON CONFLICT (content_sha256) DO NOTHING
        """;

    public async Task<DedupDecision> DecideAsync(DedupFingerprint document, CancellationToken cancellationToken) =>
        (await DecideBatchAsync([document], cancellationToken))[0];

    /// <summary>The decisions for <paramref name="documents"/>, in their order, as if they had arrived one at a time
    /// in that order.</summary>
    public Task<IReadOnlyList<DedupDecision>> DecideBatchAsync(IReadOnlyList<DedupFingerprint> documents, CancellationToken cancellationToken) =>
        DecideBatchAsync(documents, commit: true, cancellationToken);

    /// <summary>Decides <paramref name="probe"/> as <see cref="DecideBatchAsync(IReadOnlyList{DedupFingerprint}, CancellationToken)"/>
    /// would (locks, look-ups, writes) and rolls the transaction back: the deduplicator's start-up warm-up, so the first
    /// real batch does not pay for the first round trips and compilation. Nothing stays in the index (a sequence
    /// number is used up, which only orders documents).</summary>
    public Task WarmUpAsync(DedupFingerprint probe, CancellationToken cancellationToken) =>
        DecideBatchAsync([probe], commit: false, cancellationToken);

    private async Task<IReadOnlyList<DedupDecision>> DecideBatchAsync(IReadOnlyList<DedupFingerprint> documents, bool commit, CancellationToken cancellationToken)
    {
        if (documents.Count == 0)
        {
            return [];
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var found = await LockAndLookUpAsync(connection, transaction, documents, cancellationToken);

        var decisions = new DedupDecision[documents.Count];
        var batch = new BatchIndex();
        var decidedHere = new Dictionary<Guid, DedupDecision>();
        var toRecord = new List<(DedupFingerprint Document, DedupDecision Decision)>();
        for (var i = 0; i < documents.Count; i++)
        {
            var document = documents[i];
            if (found.Previous.TryGetValue(document.DocumentId, out var previous) || decidedHere.TryGetValue(document.DocumentId, out previous))
            {
                decisions[i] = previous;
                continue;
            }
            var decision = Decide(document, i, found, batch);
            decisions[i] = decision;
            decidedHere[document.DocumentId] = decision;
            toRecord.Add((document, decision));
            if (!decision.IsDuplicate)
            {
                batch.Add(document, decision, BatchSequence(i));
            }
        }
        if (toRecord.Count > 0)
        {
            await RecordAsync(connection, transaction, toRecord, cancellationToken);
        }
        await (commit ? transaction.CommitAsync(cancellationToken) : transaction.RollbackAsync(cancellationToken));
        return decisions;
    }

    // The batch's documents come after everything already in the index.
    private static long BatchSequence(int position) => long.MaxValue / 2 + position;

    private DedupDecision Decide(DedupFingerprint document, int position, LookUp found, BatchIndex batch)
    {
        var id = document.DocumentId;
        if (found.Exact.TryGetValue(document.ContentSha256, out var exact) || batch.Exact.TryGetValue(document.ContentSha256, out exact))
        {
            return new DedupDecision(id, exact.CanonicalId, 1.0, exact.StoryId);
        }
        if (document.Signature is { } signature)
        {
            var candidates = new Dictionary<Guid, NearCandidate>();
            foreach (var band in document.BandKeys)
            {
                if (found.NearByBand.TryGetValue(band, out var indexed))
                {
                    foreach (var candidate in indexed)
                    {
                        candidates.TryAdd(candidate.DocumentId, candidate);
                    }
                }
                if (batch.NearByBand.TryGetValue(band, out var earlier))
                {
                    foreach (var candidate in earlier)
                    {
                        candidates.TryAdd(candidate.DocumentId, candidate);
                    }
                }
            }
            // The earliest matching canonical document wins, as if the documents had arrived one at a time.
            var near = candidates.Values
                .Select(c => (Candidate: c, Similarity: judge.NearDuplicateSimilarity(signature, c.Signature)))
                .Where(m => m.Similarity is not null)
                .OrderBy(m => m.Candidate.Sequence)
                .FirstOrDefault();
            if (near.Similarity is { } similarity)
            {
                return new DedupDecision(id, near.Candidate.DocumentId, similarity, near.Candidate.StoryId);
            }
        }
        var stories = found.Stories.TryGetValue(position, out var indexedStories) ? indexedStories : [];
        var story = stories.Concat(batch.StoryCandidates(document, judge.MinSharedAnchors))
            .Where(s => judge.IsSameStory(s.SharedAnchors, document.AnchorKeys.Count, s.AnchorCount))
            .OrderByDescending(s => s.SharedAnchors)
            .ThenBy(s => s.Sequence)
            .Select(s => (Guid?)s.StoryId)
            .FirstOrDefault();
        return new DedupDecision(id, id, null, story ?? id);
    }

    private async Task<LookUp> LockAndLookUpAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<DedupFingerprint> documents, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command(LockSql, Parameter("locks", LockKeys(documents))));
        batch.BatchCommands.Add(Command(PreviousDecisionsSql, Parameter("ids", documents.Select(d => d.DocumentId).Distinct().ToArray())));
        batch.BatchCommands.Add(Command(ExactMatchesSql, Parameter("hashes", documents.Select(d => d.ContentSha256).Distinct().ToArray())));
        batch.BatchCommands.Add(Command(NearCandidatesSql, Parameter("bands", documents.SelectMany(d => d.BandKeys).Distinct().ToArray())));
        batch.BatchCommands.Add(Command(AnchorHitsSql,
            Parameter("anchors", documents.SelectMany(d => d.AnchorKeys).Distinct().ToArray()),
            Parameter("per_anchor", DocumentsPerAnchor)));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken); // the lock's count

        var previous = new Dictionary<Guid, DedupDecision>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetGuid(0);
            previous[id] = new DedupDecision(id, reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetDouble(2), reader.GetGuid(3));
        }
        await reader.NextResultAsync(cancellationToken);

        var exact = new Dictionary<string, ExactMatch>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            exact[reader.GetString(0)] = new ExactMatch(reader.GetGuid(1), reader.GetGuid(2));
        }
        await reader.NextResultAsync(cancellationToken);

        var near = new Dictionary<long, List<NearCandidate>>();
        var signatures = new Dictionary<Guid, NearCandidate>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetGuid(1);
            if (!signatures.TryGetValue(id, out var candidate))
            {
                candidate = new NearCandidate(id, reader.GetInt64(2), reader.GetGuid(3), SignatureBytes.FromBytes(reader.GetFieldValue<byte[]>(4)));
                signatures[id] = candidate;
            }
            var band = reader.GetInt64(0);
            if (!near.TryGetValue(band, out var list))
            {
                near[band] = list = [];
            }
            list.Add(candidate);
        }
        await reader.NextResultAsync(cancellationToken);

        var hits = new Dictionary<long, List<long>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var anchor = reader.GetInt64(0);
            if (!hits.TryGetValue(anchor, out var seqs))
            {
                hits[anchor] = seqs = [];
            }
            seqs.Add(reader.GetInt64(1));
        }
        await reader.DisposeAsync();

        // Per document: the indexed documents sharing at least MinSharedAnchors anchors, the StoryCandidates with
        // the most (ties: the earliest), exactly what one document's own look-up would pick.
        var shortlist = new Dictionary<int, List<(long Sequence, int Shared)>>();
        for (var i = 0; i < documents.Count; i++)
        {
            var shared = new Dictionary<long, int>();
            foreach (var anchor in documents[i].AnchorKeys.Distinct())
            {
                if (hits.TryGetValue(anchor, out var seqs))
                {
                    foreach (var seq in seqs)
                    {
                        shared[seq] = shared.GetValueOrDefault(seq) + 1;
                    }
                }
            }
            var best = shared.Where(p => p.Value >= judge.MinSharedAnchors)
                .OrderByDescending(p => p.Value).ThenBy(p => p.Key)
                .Take(StoryCandidates)
                .Select(p => (p.Key, p.Value))
                .ToList();
            if (best.Count > 0)
            {
                shortlist[i] = best;
            }
        }

        var stories = new Dictionary<int, List<StoryCandidate>>();
        if (shortlist.Count > 0)
        {
            var indexed = new Dictionary<long, (Guid DocumentId, Guid StoryId, int AnchorCount)>();
            await using (var command = new NpgsqlCommand(StoryDocumentsSql, connection, transaction))
            {
                command.Parameters.Add(Parameter("seqs", shortlist.Values.SelectMany(l => l.Select(c => c.Sequence)).Distinct().ToArray()));
                await using var rows = await command.ExecuteReaderAsync(cancellationToken);
                while (await rows.ReadAsync(cancellationToken))
                {
                    indexed[rows.GetInt64(1)] = (rows.GetGuid(0), rows.GetGuid(2), rows.GetInt32(3));
                }
            }
            foreach (var (doc, candidates) in shortlist)
            {
                stories[doc] = candidates
                    .Where(c => indexed.ContainsKey(c.Sequence))
                    .Select(c => new StoryCandidate(indexed[c.Sequence].DocumentId, c.Sequence, indexed[c.Sequence].StoryId, indexed[c.Sequence].AnchorCount, c.Shared))
                    .ToList();
            }
        }
        return new LookUp(previous, exact, near, stories);
    }

    private static async Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<(DedupFingerprint Document, DedupDecision Decision)> decided, CancellationToken cancellationToken)
    {
        // Only canonical documents are indexed: a later document is compared with the group's first one, so a
        // chain of small edits cannot drift into a "duplicate" of something quite different, and a large group
        // does not turn into a large candidate list.
        var canonical = decided.Where(d => !d.Decision.IsDuplicate).Select(d => d.Document).ToList();
        var withAnchors = canonical.SelectMany(d => d.AnchorKeys.Select(k => (d.DocumentId, Key: k))).ToList();
        var bands = canonical.Where(d => d.Signature is not null).SelectMany(d => d.BandKeys.Select(k => (d.DocumentId, Key: k))).ToList();

        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command(InsertDecisionsSql,
            Parameter("ids", decided.Select(d => d.Document.DocumentId).ToArray()),
            Parameter("canonicals", decided.Select(d => d.Decision.CanonicalId).ToArray()),
            new NpgsqlParameter("similarities", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = decided.Select(d => d.Decision.Similarity).ToArray() },
            Parameter("stories", decided.Select(d => d.Decision.StoryId).ToArray()),
            new NpgsqlParameter("signatures", NpgsqlDbType.Array | NpgsqlDbType.Bytea)
            {
                Value = decided.Select(d => !d.Decision.IsDuplicate && d.Document.Signature is { } s ? SignatureBytes.ToBytes(s) : null).ToArray(),
            },
            Parameter("anchor_counts", decided.Select(d => d.Decision.IsDuplicate ? 0 : d.Document.AnchorKeys.Count).ToArray()),
            Parameter("anchor_ids", withAnchors.Select(a => a.DocumentId).ToArray()),
            Parameter("anchor_keys", withAnchors.Select(a => a.Key).ToArray())));
        if (canonical.Count > 0)
        {
            batch.BatchCommands.Add(Command(ClaimHashesSql,
                Parameter("hashes", canonical.Select(d => d.ContentSha256).ToArray()),
                Parameter("hash_ids", canonical.Select(d => d.DocumentId).ToArray())));
        }
        if (bands.Count > 0)
        {
            batch.BatchCommands.Add(Command(InsertBandsSql,
                Parameter("bands", bands.Select(b => b.Key).ToArray()),
                Parameter("band_ids", bands.Select(b => b.DocumentId).ToArray())));
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every document's content hash and band keys, ascending.</summary>
    private static long[] LockKeys(IReadOnlyList<DedupFingerprint> documents)
    {
        var keys = new SortedSet<long>();
        foreach (var document in documents)
        {
            keys.UnionWith(document.BandKeys);
            keys.Add(HashLockKey(document.ContentSha256));
        }
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

    /// <summary>The canonical documents decided earlier in the same batch, looked up as the index would be.</summary>
    private sealed class BatchIndex
    {
        private readonly List<(HashSet<long> Anchors, int AnchorCount, Guid DocumentId, long Sequence, Guid StoryId)> _anchored = [];

        public Dictionary<string, ExactMatch> Exact { get; } = new(StringComparer.Ordinal);

        public Dictionary<long, List<NearCandidate>> NearByBand { get; } = [];

        public void Add(DedupFingerprint document, DedupDecision decision, long sequence)
        {
            Exact.TryAdd(document.ContentSha256, new ExactMatch(document.DocumentId, decision.StoryId));
            if (document.Signature is { } signature)
            {
                var candidate = new NearCandidate(document.DocumentId, sequence, decision.StoryId, signature);
                foreach (var band in document.BandKeys)
                {
                    if (!NearByBand.TryGetValue(band, out var list))
                    {
                        NearByBand[band] = list = [];
                    }
                    list.Add(candidate);
                }
            }
            if (document.AnchorKeys.Count > 0)
            {
                _anchored.Add(([.. document.AnchorKeys], document.AnchorKeys.Count, document.DocumentId, sequence, decision.StoryId));
            }
        }

        public IEnumerable<StoryCandidate> StoryCandidates(DedupFingerprint document, int minShared)
        {
            var own = document.AnchorKeys.ToHashSet();
            foreach (var (anchors, anchorCount, id, sequence, storyId) in _anchored)
            {
                var shared = own.Count(anchors.Contains);
                if (shared >= minShared)
                {
                    yield return new StoryCandidate(id, sequence, storyId, anchorCount, shared);
                }
            }
        }
    }

    private sealed record LookUp(Dictionary<Guid, DedupDecision> Previous, Dictionary<string, ExactMatch> Exact,
        Dictionary<long, List<NearCandidate>> NearByBand, Dictionary<int, List<StoryCandidate>> Stories);

    private sealed record ExactMatch(Guid CanonicalId, Guid StoryId);

    private sealed record NearCandidate(Guid DocumentId, long Sequence, Guid StoryId, uint[] Signature);

    private sealed record StoryCandidate(Guid DocumentId, long Sequence, Guid StoryId, int AnchorCount, int SharedAnchors);
}
