using System.Buffers.Binary;

namespace AiGov.Infrastructure.Persistence;

/// <summary>A MinHash signature as stored in <c>dedup_documents.signature</c>: 4 bytes per value, little-endian.</summary>
public static class SignatureBytes
{
    public static byte[] ToBytes(uint[] signature)
    {
        var bytes = new byte[signature.Length * sizeof(uint)];
        for (var i = 0; i < signature.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * sizeof(uint)), signature[i]);
        }
        return bytes;
    }

    public static uint[] FromBytes(byte[] bytes)
    {
        var signature = new uint[bytes.Length / sizeof(uint)];
        for (var i = 0; i < signature.Length; i++)
        {
            signature[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i * sizeof(uint)));
        }
        return signature;
    }
}
