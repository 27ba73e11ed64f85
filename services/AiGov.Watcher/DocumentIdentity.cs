using System.Security.Cryptography;
using System.Text;

namespace AiGov.Watcher;

/// <summary>A document's id is derived from what identifies one drop: its path in the inbox, size, modification
/// time (to the tick) and content hash. A watcher killed after publishing but before moving the file publishes the
/// same id again on restart, and every stage treats a known id as a redelivery: one row, never two. A file dropped
/// again later (a new copy has a new modification time) is a new document.</summary>
public static class DocumentIdentity
{
    public static Guid For(string relativeName, long size, DateTime lastWriteUtc, string? rawSha256)
    {
        var key = $"{relativeName}\n{size}\n{lastWriteUtc.Ticks}\n{rawSha256}";
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        var bytes = hash[..16];
        // RFC 9562 version 8 (custom) with the RFC variant.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
