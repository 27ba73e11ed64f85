using AiGov.Infrastructure.Persistence;
using AiGov.IntegrationTests.Infrastructure;
using Xunit;

namespace AiGov.IntegrationTests.Deduplication;

[Collection(DatabaseCollection.Name)]
public sealed class NearDuplicateIndexTests(DatabaseFixture database) : IAsyncLifetime
{
    private readonly NearDuplicateIndex _index = new(database.DataSource, new TestJudge());
    private readonly Random _random = new(12345);

    public Task InitializeAsync() => database.TruncateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Decide_CallsAnExactCopy_ADuplicateOfTheFirst_WithSimilarityOne()
    {
        var signature = TestFingerprints.RandomSignature(_random);

        var first = await DecideAsync(TestFingerprints.Of(Guid.NewGuid(), "hash-a", signature, 1, 2, 3));
        var copy = await DecideAsync(TestFingerprints.Of(Guid.NewGuid(), "hash-a", signature, 1, 2, 3));

        Assert.False(first.IsDuplicate);
        Assert.Null(first.Similarity);
        Assert.Equal(first.DocumentId, first.CanonicalId);
        Assert.Equal(first.DocumentId, copy.CanonicalId);
        Assert.Equal(1.0, copy.Similarity);
        Assert.Equal(first.StoryId, copy.StoryId);
    }

    [Fact]
    public async Task Decide_CallsANearCopy_ADuplicateOfTheFirst_WithTheEstimate()
    {
        var signature = TestFingerprints.RandomSignature(_random);

        var first = await DecideAsync(TestFingerprints.Of(Guid.NewGuid(), "hash-b", signature));
        // Every second band differs in one value: 16 of 128 values differ, 16 bands still match.
        var near = await DecideAsync(TestFingerprints.Of(Guid.NewGuid(), "hash-b2", TestFingerprints.Edit(signature, 2, 7)));

        Assert.Equal(first.DocumentId, near.CanonicalId);
        Assert.Equal(112 / 128.0, near.Similarity);
    }

    [Fact]
    public async Task Decide_KeepsACandidateBelowTheThreshold_Apart()
    {
        var signature = TestFingerprints.RandomSignature(_random);
        var far = TestFingerprints.RandomSignature(_random);
        Array.Copy(signature, far, 8); // shares 2 bands, J estimate 8/128

        var first = await DecideAsync(TestFingerprints.Of(Guid.NewGuid(), "hash-c", signature));
        var other = await DecideAsync(TestFingerprints.Of(Guid.NewGuid(), "hash-c2", far));

        Assert.False(other.IsDuplicate);
        Assert.NotEqual(first.StoryId, other.StoryId);
    }

    [Fact]
    public async Task Decide_PointsACopyOfADuplicate_AtTheEarliestDocumentOfTheGroup()
    {
        var signature = TestFingerprints.RandomSignature(_random);
        var first = await DecideAsync(TestFingerprints.Of(Guid.NewGuid(), "hash-d", signature));
        var near = TestFingerprints.Edit(signature, 2, 9);

        var nearCopy = await DecideAsync(TestFingerprints.Of(Guid.NewGuid(), "hash-d2", near));
        var copyOfNearCopy = await DecideAsync(TestFingerprints.Of(Guid.NewGuid(), "hash-d2", near));

        Assert.Equal(first.DocumentId, nearCopy.CanonicalId);
        Assert.Equal(first.DocumentId, copyOfNearCopy.CanonicalId);
    }

    [Fact]
    public async Task Decide_GivesDocumentsSharingEnoughAnchors_OneStory_ButNotOneCanonical()
    {
        var first = await DecideAsync(TestFingerprints.Of(Guid.NewGuid(), "hash-e", TestFingerprints.RandomSignature(_random), 10, 11, 12, 13));
        var sameStory = await DecideAsync(TestFingerprints.Of(Guid.NewGuid(), "hash-e2", TestFingerprints.RandomSignature(_random), 10, 11, 12, 99));
        var otherStory = await DecideAsync(TestFingerprints.Of(Guid.NewGuid(), "hash-e3", TestFingerprints.RandomSignature(_random), 10, 11, 50, 51, 52));

        Assert.False(sameStory.IsDuplicate);
        Assert.Equal(first.StoryId, sameStory.StoryId);
        Assert.Equal(otherStory.DocumentId, otherStory.StoryId);
    }

    [Fact]
    public async Task Decide_GivesARedeliveredDocumentTheSameDecision_AndNoSecondIndexEntry()
    {
        var signature = TestFingerprints.RandomSignature(_random);
        var first = TestFingerprints.Of(Guid.NewGuid(), "hash-f", signature, 1, 2, 3);
        var near = TestFingerprints.Of(Guid.NewGuid(), "hash-f2", TestFingerprints.Edit(signature, 4, 3));

        var firstDecision = await DecideAsync(first);
        var nearDecision = await DecideAsync(near);

        Assert.Equal(firstDecision, await DecideAsync(first));
        Assert.Equal(nearDecision, await DecideAsync(near));
        Assert.Equal(2L, await CountAsync("SELECT count(*) FROM dedup_documents"));
        Assert.Equal(32L, await CountAsync("SELECT count(*) FROM dedup_bands"));
        Assert.Equal(3L, await CountAsync("SELECT count(*) FROM story_anchors"));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM content_fingerprints"));
    }

    [Fact]
    public async Task Decide_ElectsExactlyOneCanonical_When200NearCopiesRace()
    {
        // 200 different signatures, each a light edit of one: the band locks must serialise them.
        var signature = TestFingerprints.RandomSignature(_random);
        var copies = Enumerable.Range(0, 200)
            .Select(i => TestFingerprints.Of(Guid.NewGuid(), $"hash-race-{i}", TestFingerprints.Edit(signature, 3, 1000u + (uint)i)))
            .ToList();

        var decisions = await Task.WhenAll(copies.Select(copy => Task.Run(() => DecideAsync(copy))));

        var canonical = Assert.Single(decisions, d => !d.IsDuplicate);
        Assert.All(decisions.Where(d => d.IsDuplicate), d => Assert.Equal(canonical.DocumentId, d.CanonicalId));
        Assert.Equal(1L, await CountAsync("SELECT count(DISTINCT document_id) FROM dedup_bands"));
    }

    private Task<DedupDecision> DecideAsync(DedupFingerprint fingerprint) => _index.DecideAsync(fingerprint, CancellationToken.None);

    private async Task<long> CountAsync(string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
