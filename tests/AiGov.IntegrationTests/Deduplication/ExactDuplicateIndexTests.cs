using AiGov.Infrastructure.Persistence;
using AiGov.IntegrationTests.Infrastructure;
using Xunit;

namespace AiGov.IntegrationTests.Deduplication;

[Collection(DatabaseCollection.Name)]
public sealed class ExactDuplicateIndexTests(DatabaseFixture database) : IAsyncLifetime
{
    private readonly ExactDuplicateIndex _index = new(database.DataSource);

    public Task InitializeAsync() => database.TruncateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Claim_ReturnsTheFirstClaimant_ForEveryLaterDocument()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();

        Assert.Equal(first, await _index.ClaimAsync("hash-1", first, CancellationToken.None));
        Assert.Equal(first, await _index.ClaimAsync("hash-1", second, CancellationToken.None));
        Assert.Equal(second, await _index.ClaimAsync("hash-2", second, CancellationToken.None));
    }

    [Fact]
    public async Task Claim_IsIdempotent_WhenTheSameDocumentIsRedelivered()
    {
        var id = Guid.NewGuid();

        Assert.Equal(id, await _index.ClaimAsync("hash-3", id, CancellationToken.None));
        Assert.Equal(id, await _index.ClaimAsync("hash-3", id, CancellationToken.None));

        await using var count = database.DataSource.CreateCommand("SELECT count(*) FROM content_fingerprints WHERE content_sha256 = 'hash-3'");
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Claim_ElectsExactlyOneCanonical_When200CopiesRace()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToList();

        var answers = await Task.WhenAll(ids.Select(id => Task.Run(() => _index.ClaimAsync("hash-race", id, CancellationToken.None))));

        var canonical = Assert.Single(answers.Distinct());
        Assert.Contains(canonical, ids);
    }
}
