using Npgsql;
using NpgsqlTypes;

namespace AiGov.Infrastructure.Persistence;

/// <summary>Writes the one row each document ends as, with the blocks cleaning removed from it.</summary>
public sealed class DocumentStore(NpgsqlDataSource dataSource)
{
    // Many documents in one statement. The primary key makes a redelivered message a no-op. Two exceptions: a row
    // that a stage's give-up made 'failed' is replaced when the document later gets through (a message moved back from
    // an _error queue), and a row is replaced by a successful pass of a higher revision (aigov reprocess). A failed
    // reprocess leaves the row. The trail and removed blocks are rewritten with the row, so a replaced row gets the
    // trail of the pass that got through.
    private const string UpsertSql = """
        INSERT INTO documents (id, file_name, raw_sha256, status, error, title, clean_text, content_sha256,
                               language, language_confidence, duplicate_of, similarity, received_at, stored_at,
                               published_at, source, source_url, author, language_shares, language_spans, story_id, revision)
        SELECT d.id, d.file_name, d.raw_sha256, d.status, d.error, d.title, d.clean_text, d.content_sha256,
               d.language, d.language_confidence, d.duplicate_of, d.similarity, d.received_at, now(),
               d.published_at, d.source, d.source_url, d.author, d.language_shares::jsonb, d.language_spans::jsonb, d.story_id, d.revision
        FROM unnest(@id, @file_name, @raw_sha256, @status, @error, @title, @clean_text, @content_sha256,
                    @language, @language_confidence, @duplicate_of, @similarity, @received_at,
                    @published_at, @source, @source_url, @author, @language_shares, @language_spans, @story_id, @revision)
             AS d(id, file_name, raw_sha256, status, error, title, clean_text, content_sha256,
                  language, language_confidence, duplicate_of, similarity, received_at,
                  published_at, source, source_url, author, language_shares, language_spans, story_id, revision)
        ON CONFLICT (id) DO UPDATE SET
            status = EXCLUDED.status, error = EXCLUDED.error, title = EXCLUDED.title, clean_text = EXCLUDED.clean_text,
            content_sha256 = EXCLUDED.content_sha256, language = EXCLUDED.language,
            language_confidence = EXCLUDED.language_confidence, duplicate_of = EXCLUDED.duplicate_of,
            similarity = EXCLUDED.similarity, stored_at = EXCLUDED.stored_at, published_at = EXCLUDED.published_at,
            source = EXCLUDED.source, source_url = EXCLUDED.source_url, author = EXCLUDED.author,
            language_shares = EXCLUDED.language_shares, language_spans = EXCLUDED.language_spans,
            story_id = EXCLUDED.story_id, revision = EXCLUDED.revision
        WHERE EXCLUDED.status IN ('stored', 'duplicate')
          AND (documents.status = 'failed' OR EXCLUDED.revision > documents.revision)
        RETURNING id
        """;

    private const string RemovedBlocksSql = """
        INSERT INTO document_removed_blocks (document_id, ordinal, label, text)
        SELECT b.document_id, b.ordinal, b.label, b.text FROM unnest(@ids, @ordinals, @labels, @texts) AS b(document_id, ordinal, label, text)
        ON CONFLICT DO NOTHING
        """;

    private const string EventsSql = """
        INSERT INTO document_events (document_id, ordinal, stage, host, started_at, duration_ms, outcome, detail)
        SELECT e.document_id, e.ordinal, e.stage, e.host, e.started_at, e.duration_ms, e.outcome, e.detail
        FROM unnest(@ids, @ordinals, @stages, @hosts, @started, @durations, @outcomes, @details)
             AS e(document_id, ordinal, stage, host, started_at, duration_ms, outcome, detail)
        """;

    /// <summary>Keeps a message no stage could read in <c>unreadable_messages</c>, once per event id.</summary>
    public async Task RecordUnreadableAsync(UnreadableMessageRecord unreadable, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO unreadable_messages (id, queue, message_id, document_id, file_name, reason, at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = unreadable.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = unreadable.Queue });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)unreadable.MessageId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)unreadable.DocumentId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)unreadable.FileName ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = unreadable.Reason });
        command.Parameters.Add(new NpgsqlParameter { Value = unreadable.At });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Returns false when the row already existed (a redelivery) and was left as it was.</summary>
    public async Task<bool> SaveAsync(DocumentRecord document, CancellationToken cancellationToken) =>
        await SaveAsync(document, [], [], cancellationToken);

    public async Task<bool> SaveAsync(DocumentRecord document, IReadOnlyList<RemovedBlockRecord> removedBlocks, CancellationToken cancellationToken) =>
        await SaveAsync(document, removedBlocks, [], cancellationToken);

    public Task<bool> SaveAsync(DocumentRecord document, IReadOnlyList<RemovedBlockRecord> removedBlocks,
        IReadOnlyList<DocumentEventRecord> events, CancellationToken cancellationToken) =>
        SaveAsync(new DocumentWrite(document, removedBlocks, events), cancellationToken);

    public async Task<bool> SaveAsync(DocumentWrite document, CancellationToken cancellationToken) =>
        (await SaveBatchAsync([document], cancellationToken)).Contains(document.Document.Id);

    /// <summary>Many documents in one transaction and three round trips (the storage service's batches; a single
    /// document is a batch of one): returns the ids whose row was written; the others were redeliveries and left as they were. The same id twice in
    /// one batch (a redelivery next to its first delivery) is written once: its highest revision.</summary>
    public Task<IReadOnlySet<Guid>> SaveBatchAsync(IReadOnlyList<DocumentWrite> documents, CancellationToken cancellationToken) =>
        WriteBatchAsync(documents, commit: true, cancellationToken);

    /// <summary>Writes <paramref name="probe"/> the way <see cref="SaveBatchAsync"/> would and rolls the transaction
    /// back: the storage service's start-up warm-up, so the first real batch does not pay for the first round trips,
    /// statement preparation and compilation. Nothing stays in the database.</summary>
    public Task WarmUpAsync(DocumentWrite probe, CancellationToken cancellationToken) =>
        WriteBatchAsync([probe], commit: false, cancellationToken);

    private async Task<IReadOnlySet<Guid>> WriteBatchAsync(IReadOnlyList<DocumentWrite> documents, bool commit, CancellationToken cancellationToken)
    {
        var unique = documents
            .GroupBy(d => d.Document.Id)
            .Select(g => g.OrderByDescending(d => d.Document.Revision).First())
            .ToList();
        var rows = unique.Select(d => d.Document).ToList();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var written = new HashSet<Guid>();
        await using (var upsert = new NpgsqlCommand(UpsertSql, connection, transaction))
        {
            var p = upsert.Parameters;
            p.Add(new NpgsqlParameter<Guid[]>("id", rows.Select(d => d.Id).ToArray()));
            p.Add(TextArray("file_name", rows.Select(d => d.FileName)));
            p.Add(TextArray("raw_sha256", rows.Select(d => d.RawSha256)));
            p.Add(TextArray("status", rows.Select(d => d.Status)));
            p.Add(TextArray("error", rows.Select(d => d.Error)));
            p.Add(TextArray("title", rows.Select(d => d.Title)));
            p.Add(TextArray("clean_text", rows.Select(d => d.CleanText)));
            p.Add(TextArray("content_sha256", rows.Select(d => d.ContentSha256)));
            p.Add(TextArray("language", rows.Select(d => d.Language)));
            p.Add(new NpgsqlParameter("language_confidence", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = rows.Select(d => d.LanguageConfidence).ToArray() });
            p.Add(new NpgsqlParameter("duplicate_of", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = rows.Select(d => d.DuplicateOf).ToArray() });
            p.Add(new NpgsqlParameter("similarity", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = rows.Select(d => d.Similarity).ToArray() });
            p.Add(new NpgsqlParameter<DateTimeOffset[]>("received_at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = rows.Select(d => d.ReceivedAt.ToUniversalTime()).ToArray() });
            p.Add(new NpgsqlParameter("published_at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = rows.Select(d => d.PublishedAt?.ToUniversalTime()).ToArray() });
            p.Add(TextArray("source", rows.Select(d => d.Source)));
            p.Add(TextArray("source_url", rows.Select(d => d.SourceUrl)));
            p.Add(TextArray("author", rows.Select(d => d.Author)));
            p.Add(TextArray("language_shares", rows.Select(d => d.LanguageShares)));
            p.Add(TextArray("language_spans", rows.Select(d => d.LanguageSpans)));
            p.Add(new NpgsqlParameter("story_id", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = rows.Select(d => d.StoryId).ToArray() });
            p.Add(new NpgsqlParameter<int[]>("revision", rows.Select(d => d.Revision).ToArray()));
            await using var reader = await upsert.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                written.Add(reader.GetGuid(0));
            }
        }

        var replaced = unique.Where(d => written.Contains(d.Document.Id)).ToList();
        if (replaced.Count > 0)
        {
            var ids = replaced.Select(d => d.Document.Id).ToArray();
            var blocks = replaced.SelectMany(d => d.RemovedBlocks.Select(b => (d.Document.Id, Block: b))).ToList();
            var events = replaced.SelectMany(d => d.Events.Select(e => (d.Document.Id, Event: e))).ToList();
            await using var batch = new NpgsqlBatch(connection, transaction);
            // A replaced row (failed, or a lower revision) gets this pass's removed blocks and trail only.
            var deleteBlocks = new NpgsqlBatchCommand("DELETE FROM document_removed_blocks WHERE document_id = ANY(@ids)");
            deleteBlocks.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", ids));
            batch.BatchCommands.Add(deleteBlocks);
            var deleteEvents = new NpgsqlBatchCommand("DELETE FROM document_events WHERE document_id = ANY(@ids)");
            deleteEvents.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", ids));
            batch.BatchCommands.Add(deleteEvents);
            if (blocks.Count > 0)
            {
                var insert = new NpgsqlBatchCommand(RemovedBlocksSql);
                insert.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", blocks.Select(b => b.Id).ToArray()));
                insert.Parameters.Add(new NpgsqlParameter<int[]>("ordinals", blocks.Select(b => b.Block.Ordinal).ToArray()));
                insert.Parameters.Add(new NpgsqlParameter<string[]>("labels", blocks.Select(b => Clean(b.Block.Label)).ToArray()));
                insert.Parameters.Add(new NpgsqlParameter<string[]>("texts", blocks.Select(b => Clean(b.Block.Text)).ToArray()));
                batch.BatchCommands.Add(insert);
            }
            if (events.Count > 0)
            {
                var insert = new NpgsqlBatchCommand(EventsSql);
                insert.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", events.Select(e => e.Id).ToArray()));
                insert.Parameters.Add(new NpgsqlParameter<int[]>("ordinals", events.Select(e => e.Event.Ordinal).ToArray()));
                insert.Parameters.Add(new NpgsqlParameter<string[]>("stages", events.Select(e => Clean(e.Event.Stage)).ToArray()));
                insert.Parameters.Add(new NpgsqlParameter<string[]>("hosts", events.Select(e => Clean(e.Event.Host)).ToArray()));
                insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("started", events.Select(e => e.Event.StartedAt.ToUniversalTime()).ToArray()));
                insert.Parameters.Add(new NpgsqlParameter<double[]>("durations", events.Select(e => e.Event.DurationMs).ToArray()));
                insert.Parameters.Add(new NpgsqlParameter<string[]>("outcomes", events.Select(e => Clean(e.Event.Outcome)).ToArray()));
                insert.Parameters.Add(TextArray("details", events.Select(e => e.Event.Detail)));
                batch.BatchCommands.Add(insert);
            }
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        await (commit ? transaction.CommitAsync(cancellationToken) : transaction.RollbackAsync(cancellationToken));
        return written;
    }

    private static NpgsqlParameter TextArray(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.Select(v => v is null ? null : Clean(v)).ToArray() };

    // PostgreSQL text cannot hold U+0000; a stray NUL must not turn a good document into a failed one.
    private static string Clean(string value) => value.Replace("\0", string.Empty, StringComparison.Ordinal);
}
