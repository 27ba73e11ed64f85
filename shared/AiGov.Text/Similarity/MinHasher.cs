namespace AiGov.Text.Similarity;

/// <summary>MinHash signatures with a fixed, seeded family of hash functions: h_i(x) = high 32 bits of
/// (a_i·x + b_i) mod 2^64, a_i odd (multiply-add-shift). The shingle hashes are already well mixed, which this
/// family needs. The seed is fixed because signatures stored in the database must stay comparable with new ones.</summary>
public sealed class MinHasher
{
    public const ulong DefaultSeed = 0x4169476F76446564; // "AiGovDed"
    public const int DefaultPermutations = 128;

    private readonly ulong[] _multipliers;
    private readonly ulong[] _offsets;

    public MinHasher(int permutations = DefaultPermutations, ulong seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permutations, 1);
        _multipliers = new ulong[permutations];
        _offsets = new ulong[permutations];
        var state = seed;
        for (var i = 0; i < permutations; i++)
        {
            _multipliers[i] = NextSplitMix(ref state) | 1;
            _offsets[i] = NextSplitMix(ref state);
        }
    }

    public static MinHasher Default { get; } = new();

    public int Permutations => _multipliers.Length;

    /// <summary>The signature: for each hash function, the smallest value over all shingles. An empty set gives
    /// all <see cref="uint.MaxValue"/>, which callers must not index (it would match every other empty text).</summary>
    public uint[] Signature(IEnumerable<ulong> shingles)
    {
        var signature = new uint[_multipliers.Length];
        Array.Fill(signature, uint.MaxValue);
        var multipliers = _multipliers;
        var offsets = _offsets;
        foreach (var shingle in shingles)
        {
            for (var i = 0; i < signature.Length; i++)
            {
                var value = (uint)((multipliers[i] * shingle + offsets[i]) >> 32);
                if (value < signature[i])
                {
                    signature[i] = value;
                }
            }
        }
        return signature;
    }

    private static ulong NextSplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15;
        return StableHash.Mix(state);
    }
}
