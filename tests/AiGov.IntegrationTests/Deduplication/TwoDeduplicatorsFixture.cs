using AiGov.IntegrationTests.Infrastructure;
using Npgsql;
using RabbitMQ.Client;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace AiGov.IntegrationTests.Deduplication;

/// <summary>Two deduplicator processes on one throwaway database and virtual host, and a queue of our own bound
/// to the <c>DocumentDeduplicated</c> exchange that collects their verdicts.</summary>
public sealed class TwoDeduplicatorsFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    public const string VerdictQueue = "dedup-test-verdicts";
    private const string VerdictExchange = "AiGov.Contracts:DocumentDeduplicated";

    private readonly List<ServiceProcess> _services = [];
    private readonly string _logDirectory = Path.Combine(Path.GetTempPath(), $"aigov-dedup-{Guid.NewGuid():N}"[..22]);
    private TestServers? _servers;
    private ThrowawayDatabase? _database;
    private IConnection? _connection;

    public ThrowawayVirtualHost VirtualHost { get; private set; } = null!;
    public NpgsqlDataSource DataSource { get; private set; } = null!;
    public IChannel Channel { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _servers = await TestServers.StartAsync();
        _database = await ThrowawayDatabase.CreateAsync(_servers.PostgresAdminConnectionString);
        VirtualHost = await ThrowawayVirtualHost.CreateAsync(_servers.Rabbit);
        DataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        Directory.CreateDirectory(_logDirectory);
        diagnostics.OnMessage(new DiagnosticMessage(
            $"Two-deduplicator tests use {_servers.Origin}; database {_database.Name}, virtual host {VirtualHost.Name}"));

        var rabbit = _servers.Rabbit;
        _connection = await new ConnectionFactory
        {
            HostName = rabbit.Host,
            Port = rabbit.AmqpPort,
            VirtualHost = VirtualHost.Name,
            UserName = rabbit.Username,
            Password = rabbit.Password,
        }.CreateConnectionAsync();
        Channel = await _connection.CreateChannelAsync();
        // Declared as MassTransit declares it, so whoever comes first, the exchange is the same.
        await Channel.ExchangeDeclareAsync(VerdictExchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        await Channel.QueueDeclareAsync(VerdictQueue, durable: false, exclusive: false, autoDelete: false);
        await Channel.QueueBindAsync(VerdictQueue, VerdictExchange, routingKey: string.Empty);

        for (var instance = 1; instance <= 2; instance++)
        {
            var environment = rabbit.ServiceSettings(VirtualHost.Name);
            environment["ConnectionStrings__Postgres"] = _database.ConnectionString;
            var logDirectory = Path.Combine(_logDirectory, $"instance-{instance}");
            Directory.CreateDirectory(logDirectory);
            _services.Add(ServiceProcess.Start("AiGov.Deduplicator", environment, logDirectory));
        }
        await Task.WhenAll(_services.Select(s => s.WaitUntilReadyAsync(TimeSpan.FromSeconds(90))));
        // Both must be consuming before anything is published, or one instance would take every message.
        await WaitForConsumersAsync(2, TimeSpan.FromSeconds(30));
    }

    /// <summary>Each instance's whole log so far.</summary>
    public IReadOnlyList<string> ServiceLogs() => _services.Select(s =>
    {
        using var stream = new FileStream(s.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }).ToList();

    public string ServiceLogTails() => string.Join("\n", _services.Select(s => $"--- {s.Name} ({s.LogPath})\n{s.Tail(15)}"));

    private async Task WaitForConsumersAsync(int consumers, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while ((await VirtualHost.GetQueueAsync("deduplication"))?.Consumers < consumers)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The deduplication queue did not get {consumers} consumers within {timeout.TotalSeconds:0} s:\n{ServiceLogTails()}");
            }
            await Task.Delay(300);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var service in _services)
        {
            await service.DisposeAsync();
        }
        if (_connection is not null)
        {
            await Channel.DisposeAsync();
            await _connection.DisposeAsync();
        }
        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }
        if (VirtualHost is not null)
        {
            await VirtualHost.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }
        if (Directory.Exists(_logDirectory))
        {
            Directory.Delete(_logDirectory, recursive: true);
        }
    }
}
