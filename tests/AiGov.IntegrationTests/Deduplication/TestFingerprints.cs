using AiGov.Infrastructure.Persistence;

namespace AiGov.IntegrationTests.Deduplication;

/// <summary>Hand-made signatures for the index tests: the index is storage and locking, so what matters is which
/// positions two signatures share, not how they were computed from text (AiGov.Text.Tests cover that, and the
/// two-service test runs the real fingerprinting).</summary>
internal static class TestFingerprints
{
    public const int Permutations = 128;
    public const int Bands = 32;
    private const int Rows = Permutations / Bands;

    public static uint[] RandomSignature(Random random) =>
        Enumerable.Range(0, Permutations).Select(_ => (uint)random.NextInt64(0, uint.MaxValue)).ToArray();

    /// <summary>A copy that differs in the first value of every <paramref name="everyNthBand"/>-th band.</summary>
    public static uint[] Edit(uint[] signature, int everyNthBand, uint marker)
    {
        var copy = (uint[])signature.Clone();
        for (var band = 0; band < Bands; band += everyNthBand)
        {
            copy[band * Rows] = marker;
        }
        return copy;
    }

    public static DedupFingerprint Of(Guid id, string hash, uint[] signature, params long[] anchors) => new()
    {
        DocumentId = id,
        ContentSha256 = hash,
        Signature = signature,
        BandKeys = Enumerable.Range(0, Bands)
            .Select(b => (long)HashCode.Combine(b, signature[b * Rows], signature[b * Rows + 1], signature[b * Rows + 2], signature[b * Rows + 3]))
            .ToArray(),
        AnchorKeys = anchors,
    };
}

/// <summary>The service's rules with fixed numbers: near duplicate from 0.5, one story from 3 shared anchors and an
/// overlap of 0.5.</summary>
internal sealed class TestJudge : IDuplicateJudge
{
    public int MinSharedAnchors => 3;

    public double? NearDuplicateSimilarity(uint[] signature, uint[] candidateSignature)
    {
        var similarity = signature.Zip(candidateSignature).Count(p => p.First == p.Second) / (double)signature.Length;
        return similarity >= 0.5 ? similarity : null;
    }

    public bool IsSameStory(int sharedAnchors, int anchorCount, int candidateAnchorCount) =>
        sharedAnchors >= 3 && sharedAnchors / (double)Math.Min(anchorCount, candidateAnchorCount) >= 0.5;
}
