namespace AiGov.Text.Similarity;

/// <summary>Locality-sensitive hashing by banding: the signature is cut into <see cref="Bands"/> bands of
/// <see cref="Rows"/> values, each band hashed to one key. Two documents become candidates when they share a key,
/// which happens with probability 1 − (1 − J^rows)^bands.</summary>
public sealed class LshBanding
{
    public LshBanding(int bands, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bands, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        Bands = bands;
        Rows = rows;
    }

    /// <summary>32 × 4 over 128 permutations: the S-curve's midpoint (1/32)^(1/4) ≈ 0.42 sits below the 0.5
    /// confirmation threshold, so a pair at J = 0.6 becomes a candidate with probability 0.988, while unrelated
    /// articles (J ≈ 0.01) almost never share a band.</summary>
    public static LshBanding Default { get; } = new(32, 4);

    public int Bands { get; }
    public int Rows { get; }

    /// <summary>One key per band; the band's number is hashed in, so equal values in different bands differ.</summary>
    public long[] Keys(ReadOnlySpan<uint> signature)
    {
        if (signature.Length < Bands * Rows)
        {
            throw new ArgumentException($"A signature of {signature.Length} values cannot fill {Bands} bands of {Rows} rows.");
        }
        var keys = new long[Bands];
        for (var band = 0; band < Bands; band++)
        {
            var hash = StableHash.Mix((ulong)band + 1);
            foreach (var value in signature.Slice(band * Rows, Rows))
            {
                hash = StableHash.Combine(hash, value);
            }
            keys[band] = unchecked((long)hash);
        }
        return keys;
    }

    /// <summary>The probability that two documents with Jaccard similarity <paramref name="jaccard"/> share a band.</summary>
    public double CandidateProbability(double jaccard) => 1 - Math.Pow(1 - Math.Pow(jaccard, Rows), Bands);
}
