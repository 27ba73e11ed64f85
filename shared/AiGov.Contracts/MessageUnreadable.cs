namespace AiGov.Contracts;

/// <summary>Published by a stage whose queue held a message it could not read (a body that is not a valid message):
/// the message waits in <c>&lt;queue&gt;_error</c>. Storage keeps every such event in <c>unreadable_messages</c>
/// (counted by <c>aigov status</c>) and, when the document's id could be recovered from the body, stores the
/// document as a <c>failed</c> row.</summary>
public record MessageUnreadable
{
    /// <summary>The document the message was about, when the body still names one; null when nothing could be recovered.</summary>
    public Guid? DocumentId { get; init; }

    /// <summary>The document's file name, when the body still names one.</summary>
    public string? FileName { get; init; }

    /// <summary>The queue the message came from: <see cref="QueueNames"/>, or another endpoint's queue.</summary>
    public required string Queue { get; init; }

    /// <summary>The transport's id of the message, to find it in <c>&lt;queue&gt;_error</c>.</summary>
    public Guid? MessageId { get; init; }

    /// <summary>What was wrong with the body.</summary>
    public required string Reason { get; init; }

    public required DateTimeOffset At { get; init; }
}
