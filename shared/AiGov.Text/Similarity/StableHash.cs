namespace AiGov.Text.Similarity;

/// <summary>64-bit hashes that never change between processes, machines or .NET versions (unlike
/// <c>string.GetHashCode</c>): signatures and band keys are stored in the database and compared years later.</summary>
public static class StableHash
{
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    /// <summary>FNV-1a over the UTF-16 code units, then <see cref="Mix"/> (FNV alone spreads short strings badly).</summary>
    public static ulong Of(ReadOnlySpan<char> text)
    {
        var hash = FnvOffset;
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * FnvPrime;
            hash = (hash ^ (byte)(c >> 8)) * FnvPrime;
        }
        return Mix(hash);
    }

    /// <summary>The SplitMix64 finaliser: every input bit affects every output bit.</summary>
    public static ulong Mix(ulong value)
    {
        value ^= value >> 30;
        value *= 0xBF58476D1CE4E5B9;
        value ^= value >> 27;
        value *= 0x94D049BB133111EB;
        return value ^ (value >> 31);
    }

    /// <summary>Order-sensitive combination: Combine(Combine(s, a), b) differs from Combine(Combine(s, b), a).</summary>
    public static ulong Combine(ulong seed, ulong value) => Mix(seed * 31 + value + 0x9E3779B97F4A7C15);
}
