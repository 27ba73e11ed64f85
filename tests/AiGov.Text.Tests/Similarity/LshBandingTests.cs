using AiGov.Text.Similarity;

namespace AiGov.Text.Tests.Similarity;

public sealed class LshBandingTests
{
    [Theory]
    [InlineData(0.2, 0.0500)]   // 1 − (1 − 0.2⁴)³²
    [InlineData(0.42, 0.6364)]  // near the S-curve's midpoint (1/32)^(1/4) ≈ 0.42
    [InlineData(0.5, 0.8732)]
    [InlineData(0.6, 0.9882)]
    [InlineData(0.8, 1.0000)]
    public void CandidateProbability_FollowsTheSCurveOf32BandsOf4Rows(double jaccard, double expected)
    {
        Assert.Equal(expected, LshBanding.Default.CandidateProbability(jaccard), precision: 4);
    }

    [Fact]
    public void Keys_AreEqual_ExactlyForEqualBands()
    {
        var a = Enumerable.Range(0, 128).Select(i => (uint)i).ToArray();
        var b = (uint[])a.Clone();
        b[5] = 999; // band 1 (rows 4–7) differs

        var keysOfA = LshBanding.Default.Keys(a);
        var keysOfB = LshBanding.Default.Keys(b);

        Assert.Equal(32, keysOfA.Length);
        Assert.Equal(31, keysOfA.Zip(keysOfB).Count(k => k.First == k.Second));
        Assert.NotEqual(keysOfA[1], keysOfB[1]);
    }

    [Fact]
    public void Keys_DifferBetweenBands_WhenTheirValuesAreEqual()
    {
        var keys = LshBanding.Default.Keys(new uint[128]);

        Assert.Equal(32, keys.Distinct().Count());
    }

    [Fact]
    public void CandidateRate_MatchesTheSCurve_OnRealSignatures()
    {
        // 400 pairs of sets at J = 0.5: about 87 % must share a band (binomial: 4 standard deviations ≈ ±7 %).
        var candidates = Enumerable.Range(0, 400).Count(pair =>
        {
            var offset = pair * 10_000;
            var a = Enumerable.Range(offset, 600).Select(i => StableHash.Mix((ulong)i)).ToHashSet();
            var b = Enumerable.Range(offset + 200, 600).Select(i => StableHash.Mix((ulong)i)).ToHashSet();
            return LshBanding.Default.Keys(MinHasher.Default.Signature(a)).Intersect(LshBanding.Default.Keys(MinHasher.Default.Signature(b))).Any();
        });

        Assert.InRange(candidates / 400.0, 0.80, 0.94);
    }
}
