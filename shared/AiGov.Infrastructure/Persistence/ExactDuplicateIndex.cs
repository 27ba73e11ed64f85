using Npgsql;

namespace AiGov.Infrastructure.Persistence;

/// <summary>The exact-duplicate index in PostgreSQL (<c>content_fingerprints</c>): the first document to claim a
/// content hash owns it for good.</summary>
public sealed class ExactDuplicateIndex(NpgsqlDataSource dataSource)
{
    // One statement, race-free: the primary key serialises concurrent claims of one hash, and DO UPDATE (unlike
    // DO NOTHING) locks and returns the row that won, so the loser learns the winner's id in the same round trip.
    // A redelivered message finds its own id: the same decision, no second entry.
    private const string ClaimSql = """
        INSERT INTO content_fingerprints (content_sha256, document_id, first_seen_at)
        VALUES (@hash, @id, now())
        ON CONFLICT (content_sha256) DO UPDATE SET content_sha256 = EXCLUDED.content_sha256
        RETURNING document_id
        """;

    /// <summary>Returns the id of the canonical document for this hash: <paramref name="documentId"/> itself when it
    /// is the first.</summary>
    public async Task<Guid> ClaimAsync(string contentSha256, Guid documentId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ClaimSql);
        command.Parameters.AddWithValue("hash", contentSha256);
        command.Parameters.AddWithValue("id", documentId);
        var canonical = await command.ExecuteScalarAsync(cancellationToken);
        return (Guid)canonical!;
    }
}
