using AiGov.Text.Similarity;

namespace AiGov.Text.Tests.Similarity;

public sealed class JaccardTests
{
    [Fact]
    public void Exact_IsSharedOverUnion()
    {
        Assert.Equal(2.0 / 6, Jaccard.Exact(new HashSet<int> { 1, 2, 3, 4 }, new HashSet<int> { 3, 4, 5, 6 }));
        Assert.Equal(1.0, Jaccard.Exact(new HashSet<int> { 1 }, new HashSet<int> { 1 }));
        Assert.Equal(0.0, Jaccard.Exact(new HashSet<int>(), new HashSet<int>()));
    }

    [Fact]
    public void Estimate_IsTheShareOfEqualPositions()
    {
        Assert.Equal(0.75, Jaccard.Estimate([1, 2, 3, 4], [1, 2, 3, 9]));
    }

    [Fact]
    public void Estimate_RefusesSignaturesOfDifferentLengths()
    {
        Assert.Throws<ArgumentException>(() => Jaccard.Estimate([1, 2], [1, 2, 3]));
    }
}
