namespace AiGov.Infrastructure.Persistence;

/// <summary>The exact-duplicate index: the first document seen with a given normalised-text hash.</summary>
public sealed class ContentFingerprintRecord
{
    public required string ContentSha256 { get; set; }
    public Guid DocumentId { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
}
