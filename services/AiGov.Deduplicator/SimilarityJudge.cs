using AiGov.Infrastructure.Persistence;
using AiGov.Text.Similarity;
using Microsoft.Extensions.Options;

namespace AiGov.Deduplicator;

/// <summary>The configured thresholds applied to the similarity measures of <c>AiGov.Text.Similarity</c>.</summary>
public sealed class SimilarityJudge(IOptions<DeduplicationOptions> options) : IDuplicateJudge
{
    private readonly DeduplicationOptions _options = options.Value;

    public int MinSharedAnchors => _options.MinSharedAnchors;

    public double? NearDuplicateSimilarity(uint[] signature, uint[] candidateSignature)
    {
        var similarity = Jaccard.Estimate(signature, candidateSignature);
        return similarity >= _options.NearDuplicateThreshold ? similarity : null;
    }

    public bool IsSameStory(int sharedAnchors, int anchorCount, int candidateAnchorCount) =>
        sharedAnchors >= _options.MinSharedAnchors
        && StorySimilarity.Overlap(sharedAnchors, anchorCount, candidateAnchorCount) >= _options.StoryOverlapThreshold;
}
