namespace AiGov.Text.Similarity;

public static class Jaccard
{
    /// <summary>|A ∩ B| / |A ∪ B|; 0 when both are empty.</summary>
    public static double Exact<T>(IReadOnlySet<T> a, IReadOnlySet<T> b)
    {
        if (a.Count == 0 && b.Count == 0)
        {
            return 0;
        }
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var shared = small.Count(large.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    /// <summary>The share of positions where two MinHash signatures agree: an unbiased estimate of the Jaccard
    /// similarity of the two shingle sets, with standard error √(J(1−J)/n).</summary>
    public static double Estimate(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            throw new ArgumentException($"Signatures of different lengths ({a.Length} and {b.Length}) cannot be compared: were they made with the same MinHasher?");
        }
        var equal = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i])
            {
                equal++;
            }
        }
        return (double)equal / a.Length;
    }
}
