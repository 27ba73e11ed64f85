namespace AiGov.Infrastructure.Persistence;

/// <summary>A message that a stage could not read (<see cref="Contracts.MessageUnreadable"/>), kept so that
/// <c>aigov status</c> can count them, also when no document could be named (<c>unreadable_messages</c>).</summary>
public sealed class UnreadableMessageRecord
{
    public Guid Id { get; init; }

    public required string Queue { get; init; }

    public Guid? MessageId { get; init; }

    public Guid? DocumentId { get; init; }

    public string? FileName { get; init; }

    public required string Reason { get; init; }

    public DateTimeOffset At { get; init; }
}
