namespace AiGov.Infrastructure.Persistence;

/// <summary>A redelivered message that a stage worked on alone and has not finished yet: the row is written when that
/// work starts and deleted when it ends, so a row that is still there when the message comes back again says the
/// process died while working on this message and nothing else (<c>message_deliveries</c>, see
/// <see cref="Messaging.DeliveryLedger"/>).</summary>
public sealed class MessageDeliveryRecord
{
    /// <summary>The stage queue the message was delivered from.</summary>
    public required string Queue { get; init; }

    public Guid MessageId { get; init; }

    /// <summary>Deliveries worked on alone that ended without an outcome, the current one included.</summary>
    public int AloneDeliveries { get; init; }

    public DateTimeOffset LastStartedAt { get; init; }
}
