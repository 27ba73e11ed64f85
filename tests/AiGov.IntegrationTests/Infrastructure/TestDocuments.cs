using System.Security.Cryptography;
using AiGov.Contracts;

namespace AiGov.IntegrationTests.Infrastructure;

/// <summary>Message parts as the watcher would make them, for tests that publish straight to a stage.</summary>
public static class TestDocuments
{
    /// <summary>The source of a file just received: its name, SHA-256, size and now.</summary>
    public static DocumentSource Source(string fileName, byte[] bytes) => new()
    {
        FileName = fileName,
        RawSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        SizeBytes = bytes.Length,
        ReceivedAt = DateTimeOffset.UtcNow,
    };
}
