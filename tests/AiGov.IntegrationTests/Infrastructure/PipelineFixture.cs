using AiGov.Contracts;
using Npgsql;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace AiGov.IntegrationTests.Infrastructure;

/// <summary>The five services as separate processes against a fresh database, a fresh RabbitMQ virtual host and a
/// fresh data root: what a user gets from scripts/up.sh, isolated from the user's own data.</summary>
public sealed class PipelineFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    // Workers first: their queues must exist before the watcher publishes to them.
    private static readonly string[] s_workers = ["AiGov.Storage", "AiGov.Deduplicator", "AiGov.LanguageDetector", "AiGov.Cleaner"];

    private readonly List<ServiceProcess> _services = [];
    private TestServers? _servers;
    private ThrowawayDatabase? _database;
    private ThrowawayVirtualHost? _virtualHost;

    public string DataRoot { get; } = Path.Combine(Path.GetTempPath(), $"aigov-e2e-{Guid.NewGuid():N}"[..20]);
    public string Inbox => Path.Combine(DataRoot, "inbox");
    public string Processed => Path.Combine(DataRoot, "processed");
    public string Failed => Path.Combine(DataRoot, "failed");
    public NpgsqlDataSource DataSource { get; private set; } = null!;
    public ThrowawayVirtualHost VirtualHost => _virtualHost!;
    public RabbitEndpoint Rabbit => _servers!.Rabbit;

    public async Task InitializeAsync()
    {
        _servers = await TestServers.StartAsync();
        _database = await ThrowawayDatabase.CreateAsync(_servers.PostgresAdminConnectionString);
        _virtualHost = await ThrowawayVirtualHost.CreateAsync(_servers.Rabbit);
        DataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        Directory.CreateDirectory(DataRoot);
        diagnostics.OnMessage(new DiagnosticMessage(
            $"Pipeline tests use {_servers.Origin}; database {_database.Name}, virtual host {_virtualHost.Name}, data root {DataRoot}"));

        var rabbit = _servers.Rabbit;
        var environment = rabbit.ServiceSettings(_virtualHost.Name);
        environment["ConnectionStrings__Postgres"] = _database.ConnectionString;
        environment["Pipeline__DataRoot"] = DataRoot;
        environment["Pipeline__SettleMilliseconds"] = "300";
        environment["Pipeline__RescanSeconds"] = "5";
        foreach (var worker in s_workers)
        {
            _services.Add(ServiceProcess.Start(worker, environment, DataRoot));
        }
        await Task.WhenAll(_services.Select(s => s.WaitUntilReadyAsync(TimeSpan.FromSeconds(90))));
        var watcher = ServiceProcess.Start("AiGov.Watcher", environment, DataRoot);
        _services.Add(watcher);
        await watcher.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Writes a file into the inbox the way a careful user would: under a temporary name, then renamed.</summary>
    public async Task DropAsync(string relativeName, byte[] content)
    {
        var target = Path.Combine(Inbox, relativeName);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = Path.Combine(Path.GetDirectoryName(target)!, "." + Path.GetFileName(target) + ".part");
        await File.WriteAllBytesAsync(temporary, content);
        File.Move(temporary, target);
    }

    /// <summary>Waits until every named file has its row, and returns the rows by file name.</summary>
    public async Task<IReadOnlyDictionary<string, DocumentRow>> WaitForRowsAsync(IReadOnlyCollection<string> fileNames, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var rows = await RowsAsync(fileNames);
            if (rows.Count == fileNames.Count)
            {
                return rows.GroupBy(r => r.FileName).ToDictionary(g => g.Key, g => g.Single());
            }
            if (DateTime.UtcNow > deadline)
            {
                var missing = fileNames.Except(rows.Select(r => r.FileName));
                throw new TimeoutException($"No row after {timeout.TotalSeconds:0} s for: {string.Join(", ", missing)}.\n{ServiceLogTails()}");
            }
            await Task.Delay(200);
        }
    }

    public async Task<List<DocumentRow>> RowsAsync(IEnumerable<string> fileNames)
    {
        await using var command = DataSource.CreateCommand("""
            SELECT id, file_name, raw_sha256, status, error, title, clean_text, content_sha256, language,
                   language_confidence, duplicate_of, similarity, received_at, stored_at
            FROM documents WHERE file_name = ANY(@names)
            """);
        command.Parameters.AddWithValue("names", fileNames.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<DocumentRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new DocumentRow(
                reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetDouble(9),
                reader.IsDBNull(10) ? null : reader.GetGuid(10), reader.IsDBNull(11) ? null : reader.GetDouble(11),
                reader.GetFieldValue<DateTimeOffset>(12), reader.GetFieldValue<DateTimeOffset>(13)));
        }
        return rows;
    }

    /// <summary>Waits until every stage queue exists and holds no ready or unacknowledged message.</summary>
    public async Task<IReadOnlyDictionary<string, QueueState>> WaitForDrainedQueuesAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var states = new Dictionary<string, QueueState>();
            foreach (var queue in QueueNames.All)
            {
                if (await VirtualHost.GetQueueAsync(queue) is { } state)
                {
                    states[queue] = state;
                }
            }
            if (states.Count == QueueNames.All.Count && states.Values.All(s => s.Ready == 0 && s.Unacknowledged == 0) || DateTime.UtcNow > deadline)
            {
                return states;
            }
            await Task.Delay(500);
        }
    }

    /// <summary>Polls one queue until the condition holds (the management API's counts lag by a few seconds).</summary>
    public async Task<QueueState?> WaitForQueueAsync(string queue, Func<QueueState, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var state = await VirtualHost.GetQueueAsync(queue);
            if (state is not null && condition(state) || DateTime.UtcNow > deadline)
            {
                return state;
            }
            await Task.Delay(500);
        }
    }

    /// <summary>Everything each service has logged so far, by service name.</summary>
    public IReadOnlyDictionary<string, string> ServiceLogs() =>
        _services.ToDictionary(s => s.Name, s => s.ReadLog());

    /// <summary>The connection settings the services were given (secrets included), to check that logs never show them.</summary>
    public string DatabaseConnectionString => _database!.ConnectionString;

    public string ServiceLogTails() =>
        string.Join("\n", _services.Select(s => $"--- {s.Name} ({s.LogPath})\n{s.Tail(15)}"));

    public async Task DisposeAsync()
    {
        foreach (var service in Enumerable.Reverse(_services))
        {
            await service.DisposeAsync();
        }
        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }
        if (_virtualHost is not null)
        {
            await _virtualHost.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }
        if (Directory.Exists(DataRoot))
        {
            Directory.Delete(DataRoot, recursive: true);
        }
    }
}

public sealed record DocumentRow(
    Guid Id, string FileName, string? RawSha256, string Status, string? Error, string? Title, string? CleanText,
    string? ContentSha256, string? Language, double? LanguageConfidence, Guid? DuplicateOf, double? Similarity,
    DateTimeOffset ReceivedAt, DateTimeOffset StoredAt);

[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<PipelineFixture>
{
    public const string Name = "pipeline";
}
