using Npgsql;

namespace AiGov.Cli;

public sealed record StatusCount(string Status, string? Language, long Count);

public sealed record RecentError(Guid Id, string FileName, string Status, string Error, DateTimeOffset StoredAt);

/// <summary>Messages a stage could not read, per queue: how many, how many of them named no document, the last one.</summary>
public sealed record UnreadableCount(string Queue, long Count, long WithoutDocument, DateTimeOffset Last);

public sealed record SearchHit(Guid Id, string FileName, string? Title, string Snippet, double Rank);

/// <summary>The SQL behind the commands; each method one round trip.</summary>
public sealed class DocumentQueries(NpgsqlDataSource dataSource)
{
    public async Task<List<StatusCount>> CountsAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT status, language, count(*) FROM documents GROUP BY status, language ORDER BY status, count(*) DESC, language");
        return await ReadAsync(command, r => new StatusCount(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetInt64(2)), ct);
    }

    public async Task<List<RecentError>> RecentErrorsAsync(int limit, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, file_name, status, error, stored_at FROM documents
            WHERE status IN ('rejected', 'failed') ORDER BY stored_at DESC LIMIT @limit
            """);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAsync(command, r => new RecentError(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4)), ct);
    }

    public async Task<List<UnreadableCount>> UnreadableCountsAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT queue, count(*), count(*) FILTER (WHERE document_id IS NULL), max(at) FROM unreadable_messages
            GROUP BY queue ORDER BY queue
            """);
        return await ReadAsync(command, r => new UnreadableCount(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetFieldValue<DateTimeOffset>(3)), ct);
    }

    /// <summary>A document by id, or every document with that file name (newest first).</summary>
    public async Task<List<Dictionary<string, object?>>> FindAsync(string idOrFileName, CancellationToken ct)
    {
        var byId = Guid.TryParse(idOrFileName, out var id);
        await using var command = dataSource.CreateCommand(byId
            ? "SELECT * FROM documents WHERE id = @id"
            : "SELECT * FROM documents WHERE file_name = @name ORDER BY received_at DESC");
        if (byId)
        {
            command.Parameters.AddWithValue("id", id);
        }
        else
        {
            command.Parameters.AddWithValue("name", idOrFileName);
        }
        return await ReadAsync(command, ToDictionary, ct);
    }

    /// <summary>Documents recorded as duplicates of this one.</summary>
    public async Task<List<(Guid Id, string FileName, double? Similarity)>> DuplicatesOfAsync(Guid id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, file_name, similarity FROM documents WHERE duplicate_of = @id ORDER BY received_at");
        command.Parameters.AddWithValue("id", id);
        return await ReadAsync(command, r => (r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? (double?)null : r.GetDouble(2)), ct);
    }

    /// <summary>The stages the document passed, in order: stage, host, start, duration, outcome, detail.</summary>
    public async Task<List<(string Stage, string Host, DateTimeOffset StartedAt, double DurationMs, string Outcome, string? Detail)>> TrailAsync(Guid id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT stage, host, started_at, duration_ms, outcome, detail FROM document_events WHERE document_id = @id ORDER BY ordinal");
        command.Parameters.AddWithValue("id", id);
        return await ReadAsync(command, r => (r.GetString(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), r.GetDouble(3), r.GetString(4),
            r.IsDBNull(5) ? null : r.GetString(5)), ct);
    }

    public async Task<List<(string Label, string Text)>> RemovedBlocksAsync(Guid id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT label, text FROM document_removed_blocks WHERE document_id = @id ORDER BY ordinal");
        command.Parameters.AddWithValue("id", id);
        return await ReadAsync(command, r => (r.GetString(0), r.GetString(1)), ct);
    }

    /// <summary>Full-text search through the indexed <c>search_vector</c> column: Latin-script (and other spaced)
    /// words must all occur; a Chinese or Japanese word must occur as a run of characters. Ranked, with a snippet.</summary>
    public async Task<List<SearchHit>> SearchAsync(string words, int limit, CancellationToken ct)
    {
        var query = SearchQuery.Parse(words);
        var conditions = new List<string>();
        await using var command = dataSource.CreateCommand();
        if (query.SpacedWords.Length > 0)
        {
            conditions.Add("plainto_tsquery('simple', @spaced)");
            command.Parameters.AddWithValue("spaced", query.SpacedWords);
        }
        for (var i = 0; i < query.CjkWords.Count; i++)
        {
            conditions.Add($"phraseto_tsquery('simple', @cjk{i})");
            command.Parameters.AddWithValue($"cjk{i}", string.Join(' ', query.CjkWords[i].EnumerateRunes()));
        }
        if (conditions.Count == 0)
        {
            return [];
        }
        command.CommandText = $"""
            WITH query AS (SELECT {string.Join(" && ", conditions)} AS q)
            SELECT id, file_name, title,
                   ts_headline('simple', coalesce(clean_text, ''), query.q, 'MaxWords=30, MinWords=10, StartSel=[, StopSel=]') AS snippet,
                   ts_rank(search_vector, query.q) AS rank
            FROM documents, query
            WHERE search_vector @@ query.q
            ORDER BY rank DESC, received_at LIMIT @limit
            """;
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAsync(command, r => new SearchHit(r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.GetFloat(4)), ct);
    }

    /// <summary>Streams every column of the matching rows, oldest first.</summary>
    public async IAsyncEnumerable<Dictionary<string, object?>> ExportAsync(DateTimeOffset? since, string? status,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT * FROM documents
            WHERE (@since IS NULL OR received_at >= @since) AND (@status IS NULL OR status = @status)
            ORDER BY received_at, id
            """);
        command.Parameters.Add(new NpgsqlParameter("since", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)since?.ToUniversalTime() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("status", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)status ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return ToDictionary(reader);
        }
    }

    /// <summary>Stored and duplicate documents: their address, source (the site, when either is known), and
    /// clean text with the lines already dropped as <c>site-repeat</c> put back, so mining again keeps finding them.</summary>
    public async IAsyncEnumerable<(string? SourceUrl, string? Source, string Text)> SiteTextsAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT d.source_url, d.source, d.clean_text || coalesce((
                SELECT E'\n' || string_agg(b.text, E'\n' ORDER BY b.ordinal)
                FROM document_removed_blocks b WHERE b.document_id = d.id AND b.label = 'site-repeat'), '')
            FROM documents d
            WHERE d.status IN ('stored', 'duplicate') AND d.clean_text IS NOT NULL
            ORDER BY d.received_at, d.id
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2));
        }
    }

    /// <summary>The documents <c>aigov reprocess</c> selected (by id, or by status and received time), oldest first,
    /// with their removed blocks and trail.</summary>
    public async Task<List<ReprocessSource>> ReprocessSourcesAsync(IReadOnlyCollection<Guid> ids, string? status, DateTimeOffset? since, int? limit,
        CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT d.id, d.file_name, d.raw_sha256, d.status, d.revision, d.received_at, d.title, d.clean_text, d.content_sha256,
                   d.published_at, d.source, d.source_url, d.author, d.language, d.language_confidence,
                   d.language_shares::text, d.language_spans::text, d.duplicate_of, d.similarity, d.story_id,
                   coalesce(b.labels, '{}'), coalesce(b.texts, '{}'),
                   coalesce(e.stages, '{}'), coalesce(e.hosts, '{}'), coalesce(e.started, '{}'), coalesce(e.durations, '{}')
            FROM documents d
            LEFT JOIN LATERAL (SELECT array_agg(label ORDER BY ordinal) AS labels, array_agg(text ORDER BY ordinal) AS texts
                               FROM document_removed_blocks WHERE document_id = d.id) b ON true
            LEFT JOIN LATERAL (SELECT array_agg(stage ORDER BY ordinal) AS stages, array_agg(host ORDER BY ordinal) AS hosts,
                                      array_agg(started_at ORDER BY ordinal) AS started, array_agg(duration_ms ORDER BY ordinal) AS durations
                               FROM document_events WHERE document_id = d.id) e ON true
            WHERE (cardinality(@ids) = 0 OR d.id = ANY(@ids))
              AND (@status IS NULL OR d.status = @status)
              AND (@since IS NULL OR d.received_at >= @since)
            ORDER BY d.received_at, d.id
            LIMIT @limit
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. ids]));
        command.Parameters.Add(new NpgsqlParameter("status", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)status ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("since", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)since?.ToUniversalTime() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = (object?)limit ?? DBNull.Value });
        return await ReadAsync(command, r =>
        {
            string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
            double? Number(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
            Guid? Id(int i) => r.IsDBNull(i) ? null : r.GetGuid(i);
            var labels = r.GetFieldValue<string[]>(20);
            var texts = r.GetFieldValue<string[]>(21);
            var stages = r.GetFieldValue<string[]>(22);
            var hosts = r.GetFieldValue<string[]>(23);
            var started = r.GetFieldValue<DateTimeOffset[]>(24);
            var durations = r.GetFieldValue<double[]>(25);
            return new ReprocessSource
            {
                Id = r.GetGuid(0),
                FileName = r.GetString(1),
                RawSha256 = Text(2),
                Status = r.GetString(3),
                Revision = r.GetInt32(4),
                ReceivedAt = r.GetFieldValue<DateTimeOffset>(5),
                Title = Text(6),
                CleanText = Text(7),
                ContentSha256 = Text(8),
                PublishedAt = r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9),
                Source = Text(10),
                SourceUrl = Text(11),
                Author = Text(12),
                Language = Text(13),
                LanguageConfidence = Number(14),
                LanguageShares = Text(15),
                LanguageSpans = Text(16),
                DuplicateOf = Id(17),
                Similarity = Number(18),
                StoryId = Id(19),
                RemovedBlocks = [.. labels.Zip(texts)],
                Trail = [.. stages.Select((stage, i) => (stage, hosts[i], started[i], durations[i]))],
            };
        }, ct);
    }

    private static Dictionary<string, object?> ToDictionary(NpgsqlDataReader reader)
    {
        var row = new Dictionary<string, object?>(reader.FieldCount);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            // Derived from title and text for the search index: not data of its own.
            if (reader.GetName(i) == "search_vector")
            {
                continue;
            }
            row[reader.GetName(i)] = reader.IsDBNull(i) ? null
                : reader.GetDataTypeName(i) == "jsonb" ? System.Text.Json.JsonDocument.Parse(reader.GetString(i)).RootElement.Clone()
                : reader.GetValue(i);
        }
        return row;
    }

    private static async Task<List<T>> ReadAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> map, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(map(reader));
        }
        return rows;
    }
}
