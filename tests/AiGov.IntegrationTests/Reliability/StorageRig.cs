using AiGov.Contracts;
using AiGov.IntegrationTests.Infrastructure;
using AiGov.IntegrationTests.Watcher.Rig;
using Npgsql;

namespace AiGov.IntegrationTests.Reliability;

/// <summary>The storage service alone against a throwaway database and virtual host, reaching both through a
/// <see cref="TcpCutProxy"/> each, so a test can take the broker or the database away from it (and only from it)
/// while the test itself still talks to both directly.</summary>
public sealed class StorageRig : IAsyncDisposable
{
    private readonly TestServers _servers;
    private readonly ThrowawayDatabase _database;
    private readonly Dictionary<string, string> _environment;
    private readonly List<StorageProcess> _processes = [];

    private StorageRig(TestServers servers, ThrowawayDatabase database, ThrowawayVirtualHost virtualHost,
        TcpCutProxy brokerProxy, TcpCutProxy databaseProxy, NpgsqlDataSource dataSource, string logDirectory)
    {
        _servers = servers;
        _database = database;
        VirtualHost = virtualHost;
        BrokerProxy = brokerProxy;
        DatabaseProxy = databaseProxy;
        DataSource = dataSource;
        LogDirectory = logDirectory;
        var rabbit = servers.Rabbit;
        _environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = new NpgsqlConnectionStringBuilder(database.ConnectionString)
            {
                Host = "127.0.0.1",
                Port = databaseProxy.Port,
            }.ConnectionString,
            ["RabbitMq__Host"] = "127.0.0.1",
            ["RabbitMq__Port"] = brokerProxy.Port.ToString(),
            ["RabbitMq__VirtualHost"] = virtualHost.Name,
            ["RabbitMq__Username"] = rabbit.Username,
            ["RabbitMq__Password"] = rabbit.Password,
            ["RabbitMq__ManagementPort"] = rabbit.ManagementPort.ToString(),
        };
    }

    public ThrowawayVirtualHost VirtualHost { get; }
    public TcpCutProxy BrokerProxy { get; }
    public TcpCutProxy DatabaseProxy { get; }

    /// <summary>Straight to the throwaway database, not through the proxy.</summary>
    public NpgsqlDataSource DataSource { get; }

    public string LogDirectory { get; }

    public static async Task<StorageRig> CreateAsync(Action<string>? log = null)
    {
        var servers = await TestServers.StartAsync();
        var database = await ThrowawayDatabase.CreateAsync(servers.PostgresAdminConnectionString);
        var virtualHost = await ThrowawayVirtualHost.CreateAsync(servers.Rabbit);
        var postgres = new NpgsqlConnectionStringBuilder(servers.PostgresAdminConnectionString);
        var brokerProxy = TcpCutProxy.Start(servers.Rabbit.Host, servers.Rabbit.AmqpPort);
        var databaseProxy = TcpCutProxy.Start(postgres.Host!, postgres.Port);
        var logDirectory = Directory.CreateTempSubdirectory("aigov-reliability-").FullName;
        log?.Invoke($"Storage rig: {servers.Origin}; database {database.Name} via :{databaseProxy.Port}, " +
            $"virtual host {virtualHost.Name} via :{brokerProxy.Port}, logs {logDirectory}");
        return new StorageRig(servers, database, virtualHost, brokerProxy, databaseProxy,
            NpgsqlDataSource.Create(database.ConnectionString), logDirectory);
    }

    /// <summary>Starts a storage process and waits until it is ready (schema migrated, consumers bound).</summary>
    public async Task<StorageProcess> StartStorageAsync()
    {
        var process = StorageProcess.Start(_environment, Path.Combine(LogDirectory, $"storage-{_processes.Count + 1}.log"));
        _processes.Add(process);
        await process.WaitForReadinessAsync(System.Net.HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        return process;
    }

    /// <summary>Publishes a <see cref="DocumentRejected"/> to its exchange, as the watcher would; storage turns it into
    /// a <c>rejected</c> row named <paramref name="fileName"/>.</summary>
    public Task PublishRejectedAsync(string fileName) =>
        VirtualHost.PublishEnvelopeAsync(typeof(DocumentRejected).FullName!, new
        {
            documentId = Guid.NewGuid(),
            source = new
            {
                fileName,
                rawSha256 = new string('0', 64),
                sizeBytes = 0L,
                receivedAt = DateTimeOffset.UtcNow,
            },
            reason = "empty",
            detail = "reliability test",
        });

    /// <summary>Rows per file name, with their statuses, for the given names.</summary>
    public async Task<Dictionary<string, List<string>>> RowsAsync(IReadOnlyCollection<string> fileNames)
    {
        await using var command = DataSource.CreateCommand("SELECT file_name, status FROM documents WHERE file_name = ANY(@names)");
        command.Parameters.AddWithValue("names", fileNames.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, List<string>>();
        while (await reader.ReadAsync())
        {
            var name = reader.GetString(0);
            if (!rows.TryGetValue(name, out var statuses))
            {
                rows[name] = statuses = [];
            }
            statuses.Add(reader.GetString(1));
        }
        return rows;
    }

    /// <summary>Polls until every named file has a row; returns what is there when the timeout passes.</summary>
    public async Task<Dictionary<string, List<string>>> WaitForRowsAsync(IReadOnlyCollection<string> fileNames, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var rows = await RowsAsync(fileNames);
            if (rows.Count == fileNames.Count || DateTime.UtcNow > deadline)
            {
                return rows;
            }
            await Task.Delay(250);
        }
    }

    /// <summary>Polls one queue until the condition holds (the management API's counts lag by a few seconds);
    /// returns the last state seen, null when the queue does not exist.</summary>
    public async Task<QueueState?> WaitForQueueAsync(string queue, Func<QueueState?, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var state = await VirtualHost.GetQueueAsync(queue);
            if (condition(state) || DateTime.UtcNow > deadline)
            {
                return state;
            }
            await Task.Delay(500);
        }
    }

    public string LogTails() =>
        string.Join("\n", _processes.Select((p, i) => $"--- storage #{i + 1} (pid {p.Pid}, {p.LogPath})\n{p.Tail(25)}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
        await BrokerProxy.DisposeAsync();
        await DatabaseProxy.DisposeAsync();
        await DataSource.DisposeAsync();
        await VirtualHost.DisposeAsync();
        await _database.DisposeAsync();
        await _servers.DisposeAsync();
        Directory.Delete(LogDirectory, recursive: true);
    }
}
