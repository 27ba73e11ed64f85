using AiGov.Text.Similarity;

namespace AiGov.Text.Tests.Similarity;

public sealed class StoryAnchorsTests
{
    [Fact]
    public void Extract_FindsNamesTheirWordsAndNumbers()
    {
        var anchors = StoryAnchors.Extract("Experts met Premier Li Qiang in Shanghai. The investment reached $109.1 billion in 2024.");

        Assert.Contains(StableHash.Of("premier li qiang"), anchors);
        Assert.Contains(StableHash.Of("li"), anchors);
        Assert.Contains(StableHash.Of("qiang"), anchors);
        Assert.Contains(StableHash.Of("shanghai"), anchors);
        Assert.Contains(StableHash.Of("#109.1"), anchors);
        Assert.Contains(StableHash.Of("#2024"), anchors);
        // Capitalised only because they start a sentence.
        Assert.DoesNotContain(StableHash.Of("experts"), anchors);
        Assert.DoesNotContain(StableHash.Of("the"), anchors);
    }

    [Fact]
    public void Overlap_IsSharedOverTheSmallerSet()
    {
        Assert.Equal(0.5, StorySimilarity.Overlap(new HashSet<ulong> { 1, 2, 3, 4 }, new HashSet<ulong> { 3, 4, 5, 6, 7, 8 }));
        Assert.Equal(0, StorySimilarity.Overlap(0, 0, 5));
    }
}
