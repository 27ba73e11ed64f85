using AiGov.Text.Similarity;

namespace AiGov.Text.Tests.Similarity;

public sealed class MinHasherTests
{
    [Theory]
    [InlineData(1000, 1000, 0)]     // identical sets, J = 1
    [InlineData(1000, 500, 500)]    // J = 500 / 1500 = 1/3
    [InlineData(1000, 800, 200)]    // J = 800 / 1200 = 2/3
    [InlineData(1000, 0, 1000)]     // disjoint, J = 0
    public void Estimate_IsWithinFourStandardErrorsOfTheExactJaccard(int sizeOfA, int shared, int onlyInB)
    {
        var a = Enumerable.Range(0, sizeOfA).Select(i => StableHash.Mix((ulong)i)).ToHashSet();
        var b = a.Take(shared).Concat(Enumerable.Range(sizeOfA, onlyInB).Select(i => StableHash.Mix((ulong)i))).ToHashSet();
        var exact = Jaccard.Exact(a, b);
        var estimate = Jaccard.Estimate(MinHasher.Default.Signature(a), MinHasher.Default.Signature(b));

        // Standard error of the estimate with n = 128 permutations: √(J(1−J)/128) ≤ 0.044.
        var tolerance = Math.Max(4 * Math.Sqrt(exact * (1 - exact) / MinHasher.Default.Permutations), 0.01);
        Assert.InRange(estimate, exact - tolerance, exact + tolerance);
    }

    [Fact]
    public void Estimate_IsUnbiased_OverManyPairs()
    {
        // 50 pairs at J = 0.5 (600 shared of 1200 distinct): the mean of the estimates is within 0.01.
        var estimates = Enumerable.Range(0, 50).Select(pair =>
        {
            var offset = pair * 10_000;
            var a = Enumerable.Range(offset, 900).Select(i => StableHash.Mix((ulong)i)).ToHashSet();
            var b = Enumerable.Range(offset + 300, 900).Select(i => StableHash.Mix((ulong)i)).ToHashSet();
            return Jaccard.Estimate(MinHasher.Default.Signature(a), MinHasher.Default.Signature(b));
        }).ToList();

        Assert.InRange(estimates.Average(), 0.49, 0.51);
    }

    [Fact]
    public void Signature_IsTheSame_InEveryProcess()
    {
        // Signatures are stored: a change of the hash family or seed would make every stored one incomparable.
        var signature = MinHasher.Default.Signature(Shingler.Default.Shingle("the quick brown fox jumps over the lazy dog"));

        Assert.Equal(128, signature.Length);
        Assert.Equal(signature, new MinHasher(128, MinHasher.DefaultSeed).Signature(Shingler.Default.Shingle("The quick, brown fox jumps over the lazy dog!")));
        Assert.Equal(4061955107u, StableHashOfSignature(signature));
    }

    private static uint StableHashOfSignature(uint[] signature) =>
        (uint)signature.Aggregate(0UL, (h, v) => StableHash.Combine(h, v));
}
