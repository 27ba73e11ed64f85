using AiGov.Text.Similarity;

namespace AiGov.Text.Tests.Similarity;

/// <summary>The seeds: 002 and 003 tell the same event in other words. They must not be near duplicates at the
/// service's threshold (0.5), and must be one story at its story settings (5 shared anchors, overlap ≥ 0.35).</summary>
public sealed class SeedSimilarityTests
{
    private static string Seed(string prefix) =>
        File.ReadAllText(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seeds"), prefix + "_*.txt").Single());

    [Fact]
    public void Seeds002And003_AreNotNearDuplicates()
    {
        var a = Shingler.Default.Shingle(Seed("002"));
        var b = Shingler.Default.Shingle(Seed("003"));

        Assert.True(Jaccard.Exact(a, b) < 0.1, $"exact Jaccard {Jaccard.Exact(a, b):0.000}");
        Assert.True(Jaccard.Estimate(MinHasher.Default.Signature(a), MinHasher.Default.Signature(b)) < 0.5);
    }

    [Fact]
    public void Seeds002And003_AreOneStory()
    {
        var a = StoryAnchors.Extract(Seed("002"));
        var b = StoryAnchors.Extract(Seed("003"));

        Assert.True(a.Count(b.Contains) >= 5);
        Assert.True(StorySimilarity.Overlap(a, b) >= 0.35, $"overlap {StorySimilarity.Overlap(a, b):0.00}");
    }

    [Theory]
    [InlineData("000", "002")]
    [InlineData("001", "002")]
    [InlineData("000", "004")]
    public void OtherSeeds_AreNeitherDuplicatesNorOneStory(string first, string second)
    {
        var a = Seed(first);
        var b = Seed(second);

        Assert.True(Jaccard.Exact(Shingler.Default.Shingle(a), Shingler.Default.Shingle(b)) < 0.1);
        Assert.True(StorySimilarity.Overlap(StoryAnchors.Extract(a), StoryAnchors.Extract(b)) < 0.35);
    }

    [Fact]
    public void ACopyWithAFewWordsChanged_IsANearDuplicate()
    {
        var words = Seed("002").Split(' ');
        for (var i = 7; i < words.Length; i += 25)
        {
            words[i] = "changed";
        }
        var a = MinHasher.Default.Signature(Shingler.Default.Shingle(Seed("002")));
        var b = MinHasher.Default.Signature(Shingler.Default.Shingle(string.Join(' ', words)));

        Assert.True(Jaccard.Estimate(a, b) >= 0.5, $"estimate {Jaccard.Estimate(a, b):0.000}");
        Assert.NotEmpty(LshBanding.Default.Keys(a).Intersect(LshBanding.Default.Keys(b)));
    }
}
