using AiGov.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace AiGov.IntegrationTests.Infrastructure;

/// <summary>A fresh database with the checked-in migrations applied, for tests of the database code.</summary>
public sealed class DatabaseFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    private TestServers? _servers;
    private ThrowawayDatabase? _database;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _servers = await TestServers.StartAsync();
        _database = await ThrowawayDatabase.CreateAsync(_servers.PostgresAdminConnectionString);
        diagnostics.OnMessage(new DiagnosticMessage($"Database tests use {_servers.Origin}; database {_database.Name}"));
        DataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await using var db = new AiGovDbContext(new DbContextOptionsBuilder<AiGovDbContext>().UseNpgsql(DataSource).Options);
        await db.Database.MigrateAsync();
    }

    public async Task TruncateAsync()
    {
        await using var command = DataSource.CreateCommand("TRUNCATE documents, content_fingerprints, document_removed_blocks, dedup_documents, dedup_bands, story_anchors, document_events, message_deliveries, unreadable_messages CASCADE");
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<DatabaseFixture>
{
    public const string Name = "database";
}
