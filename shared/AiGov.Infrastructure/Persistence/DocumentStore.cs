using Npgsql;
using NpgsqlTypes;

namespace AiGov.Infrastructure.Persistence;

/// <summary>Writes the one row each document ends as.</summary>
public sealed class DocumentStore(NpgsqlDataSource dataSource)
{
    // The primary key makes a redelivered message a no-op. The one exception: a row that a stage's give-up made
    // 'failed' is replaced when the document later gets through (a message moved back from an _error queue).
    private const string UpsertSql = """
        INSERT INTO documents (id, file_name, raw_sha256, status, error, title, clean_text, content_sha256,
                               language, language_confidence, duplicate_of, similarity, received_at, stored_at)
        VALUES (@id, @file_name, @raw_sha256, @status, @error, @title, @clean_text, @content_sha256,
                @language, @language_confidence, @duplicate_of, @similarity, @received_at, now())
        ON CONFLICT (id) DO UPDATE SET
            status = EXCLUDED.status, error = EXCLUDED.error, title = EXCLUDED.title, clean_text = EXCLUDED.clean_text,
            content_sha256 = EXCLUDED.content_sha256, language = EXCLUDED.language,
            language_confidence = EXCLUDED.language_confidence, duplicate_of = EXCLUDED.duplicate_of,
            similarity = EXCLUDED.similarity, stored_at = EXCLUDED.stored_at
        WHERE documents.status = 'failed' AND EXCLUDED.status IN ('stored', 'duplicate')
        """;

    /// <summary>Returns false when the row already existed (a redelivery) and was left as it was.</summary>
    public async Task<bool> SaveAsync(DocumentRecord document, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(UpsertSql);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid>("id", document.Id));
        p.Add(Text("file_name", document.FileName));
        p.Add(Text("raw_sha256", document.RawSha256));
        p.Add(Text("status", document.Status));
        p.Add(Text("error", document.Error));
        p.Add(Text("title", document.Title));
        p.Add(Text("clean_text", document.CleanText));
        p.Add(Text("content_sha256", document.ContentSha256));
        p.Add(Text("language", document.Language));
        p.Add(new NpgsqlParameter("language_confidence", NpgsqlDbType.Double) { Value = (object?)document.LanguageConfidence ?? DBNull.Value });
        p.Add(new NpgsqlParameter("duplicate_of", NpgsqlDbType.Uuid) { Value = (object?)document.DuplicateOf ?? DBNull.Value });
        p.Add(new NpgsqlParameter("similarity", NpgsqlDbType.Double) { Value = (object?)document.Similarity ?? DBNull.Value });
        p.Add(new NpgsqlParameter<DateTimeOffset>("received_at", NpgsqlDbType.TimestampTz) { TypedValue = document.ReceivedAt.ToUniversalTime() });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    // PostgreSQL text cannot hold U+0000; a stray NUL must not turn a good document into a failed one.
    private static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = value is null ? DBNull.Value : value.Replace("\0", string.Empty, StringComparison.Ordinal) };
}
