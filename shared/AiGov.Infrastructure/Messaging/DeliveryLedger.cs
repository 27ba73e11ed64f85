using Npgsql;

namespace AiGov.Infrastructure.Messaging;

/// <summary>
/// Counts, outside every process, how often a redelivered message was worked on alone without an outcome: the table
/// <c>message_deliveries</c> in PostgreSQL (its schema is in <see cref="Persistence.AiGovDbContext"/>). A row is
/// written when such work starts and deleted when it ends, whatever the outcome; it survives only when the process
/// died in between. Only redelivered messages touch it: a message delivered once costs nothing here.
/// </summary>
public sealed class DeliveryLedger(NpgsqlDataSource? dataSource)
{
    private const int CommandTimeoutSeconds = 5;

    /// <summary>False when no PostgreSQL connection string is configured: nothing is counted then.</summary>
    public bool IsEnabled => dataSource is not null;

    /// <summary>Records that work on the message starts now, alone; returns how many earlier such starts ended without
    /// an outcome (their process died).</summary>
    public async Task<int> StartAloneAsync(string queue, Guid messageId, CancellationToken cancellationToken)
    {
        await using var command = Command("""
            INSERT INTO message_deliveries (queue, message_id, alone_deliveries, last_started_at)
            VALUES ($1, $2, 1, now())
            ON CONFLICT (queue, message_id) DO UPDATE
                SET alone_deliveries = message_deliveries.alone_deliveries + 1, last_started_at = now()
            RETURNING alone_deliveries - 1
            """, queue, messageId);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Records that the message reached an outcome (done, faulted or given up as poison).</summary>
    public async Task ForgetAsync(string queue, Guid messageId, CancellationToken cancellationToken)
    {
        await using var command = Command("DELETE FROM message_deliveries WHERE queue = $1 AND message_id = $2", queue, messageId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlCommand Command(string sql, string queue, Guid messageId)
    {
        var command = (dataSource ?? throw new InvalidOperationException("The delivery ledger has no PostgreSQL connection string.")).CreateCommand(sql);
        command.CommandTimeout = CommandTimeoutSeconds;
        command.Parameters.Add(new NpgsqlParameter { Value = queue });
        command.Parameters.Add(new NpgsqlParameter { Value = messageId });
        return command;
    }
}
