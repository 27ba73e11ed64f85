using AiGov.Infrastructure.Persistence;
using AiGov.IntegrationTests.Infrastructure;
using Xunit;

namespace AiGov.IntegrationTests.Deduplication;

/// <summary>A batch is decided as if its documents had arrived one at a time in its order: later documents of the
/// batch see the earlier ones.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class NearDuplicateIndexBatchTests(DatabaseFixture database) : IAsyncLifetime
{
    private readonly NearDuplicateIndex _index = new(database.DataSource, new TestJudge());
    private readonly Random _random = new(54321);

    public Task InitializeAsync() => database.TruncateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task DecideBatch_FindsExactNearAndStoryMatches_AmongTheBatchsOwnEarlierDocuments()
    {
        var signature = TestFingerprints.RandomSignature(_random);
        var original = TestFingerprints.Of(Guid.NewGuid(), "hash-1", signature, 1, 2, 3, 4);
        var exact = TestFingerprints.Of(Guid.NewGuid(), "hash-1", signature, 1, 2, 3, 4);
        var near = TestFingerprints.Of(Guid.NewGuid(), "hash-2", TestFingerprints.Edit(signature, 2, 7));
        var sameStory = TestFingerprints.Of(Guid.NewGuid(), "hash-3", TestFingerprints.RandomSignature(_random), 1, 2, 3, 9);
        var unrelated = TestFingerprints.Of(Guid.NewGuid(), "hash-4", TestFingerprints.RandomSignature(_random), 50, 51, 52);

        var decisions = await _index.DecideBatchAsync([original, exact, near, sameStory, unrelated], CancellationToken.None);

        Assert.False(decisions[0].IsDuplicate);
        Assert.Equal((original.DocumentId, (double?)1.0), (decisions[1].CanonicalId, decisions[1].Similarity));
        Assert.Equal((original.DocumentId, (double?)(112 / 128.0)), (decisions[2].CanonicalId, decisions[2].Similarity));
        Assert.False(decisions[3].IsDuplicate);
        Assert.Equal(decisions[0].StoryId, decisions[3].StoryId);
        Assert.False(decisions[4].IsDuplicate);
        Assert.Equal(unrelated.DocumentId, decisions[4].StoryId);
    }

    [Fact]
    public async Task DecideBatch_MatchesTheSameDecisionsAsOneAtATime_AcrossBatches_AndGivesARedeliveryItsDecisionBack()
    {
        var signature = TestFingerprints.RandomSignature(_random);
        var original = TestFingerprints.Of(Guid.NewGuid(), "hash-a", signature, 1, 2, 3);
        var first = await _index.DecideBatchAsync([original], CancellationToken.None);

        var copy = TestFingerprints.Of(Guid.NewGuid(), "hash-b", TestFingerprints.Edit(signature, 2, 9));
        var second = await _index.DecideBatchAsync([copy, original, copy], CancellationToken.None);

        Assert.Equal(original.DocumentId, second[0].CanonicalId);
        Assert.Equal(first[0], second[1]);
        Assert.Equal(second[0], second[2]);
        Assert.Equal(second[0], await _index.DecideAsync(copy, CancellationToken.None));
        await using var command = database.DataSource.CreateCommand("SELECT count(*) FROM dedup_documents");
        Assert.Equal(2L, await command.ExecuteScalarAsync());
    }
}
