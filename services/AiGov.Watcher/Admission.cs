namespace AiGov.Watcher;

/// <summary>Reason codes of a refused file (the <c>reason</c> of <c>failed/&lt;name&gt;.error.json</c>).</summary>
public static class RejectionReasons
{
    public const string Empty = "empty";
    public const string TooLarge = "too_large";
    public const string NotText = "not_text";
    public const string UnsupportedType = "unsupported_type";
    public const string OutsideInbox = "outside_inbox";
    public const string Unreadable = "unreadable";
}

/// <summary>What the watcher decided about one file.</summary>
public abstract record Admission(string RelativeName, long Size, DateTime LastWriteUtc, string? RawSha256)
{
    public Guid DocumentId => DocumentIdentity.For(RelativeName, Size, LastWriteUtc, RawSha256);
}

public sealed record Accepted(string RelativeName, long Size, DateTime LastWriteUtc, string RawSha256, byte[] Content)
    : Admission(RelativeName, Size, LastWriteUtc, RawSha256);

/// <summary>Still being written (it keeps changing, or a process holds it open for writing): not read now, tried
/// again later without holding one of the watcher's slots meanwhile.</summary>
public sealed record StillBeingWritten(string RelativeName, string Why)
    : Admission(RelativeName, 0, default, null);

public sealed record Refused(string RelativeName, long Size, DateTime LastWriteUtc, string? RawSha256, string Reason, string Detail)
    : Admission(RelativeName, Size, LastWriteUtc, RawSha256);
