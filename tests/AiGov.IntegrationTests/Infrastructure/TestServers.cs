using System.Diagnostics;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace AiGov.IntegrationTests.Infrastructure;

/// <summary>The RabbitMQ and PostgreSQL the tests run against: the servers named by environment variables (what
/// scripts/test.sh sets), else containers when a Docker engine works, else a failure that says how to get servers.
/// A test never passes because a server is missing.</summary>
public sealed class TestServers : IAsyncDisposable
{
    public const string PostgresVariable = "AIGOV_TEST_POSTGRES";
    public const string RabbitHostVariable = "AIGOV_TEST_RABBITMQ_HOST";

    private readonly List<IAsyncDisposable> _containers = [];

    private TestServers(string postgresAdmin, RabbitEndpoint rabbit, string origin)
    {
        PostgresAdminConnectionString = postgresAdmin;
        Rabbit = rabbit;
        Origin = origin;
    }

    /// <summary>A login that may create databases; its database is only used to create and drop others.</summary>
    public string PostgresAdminConnectionString { get; }

    public RabbitEndpoint Rabbit { get; }

    /// <summary>Says which servers are used, for the test log.</summary>
    public string Origin { get; }

    public static async Task<TestServers> StartAsync()
    {
        var postgres = Environment.GetEnvironmentVariable(PostgresVariable);
        var rabbitHost = Environment.GetEnvironmentVariable(RabbitHostVariable);
        if (!string.IsNullOrWhiteSpace(postgres) && !string.IsNullOrWhiteSpace(rabbitHost))
        {
            var rabbit = new RabbitEndpoint(
                rabbitHost,
                int.Parse(Environment.GetEnvironmentVariable("AIGOV_TEST_RABBITMQ_PORT") ?? "5672"),
                int.Parse(Environment.GetEnvironmentVariable("AIGOV_TEST_RABBITMQ_MANAGEMENT_PORT") ?? "15672"),
                Environment.GetEnvironmentVariable("AIGOV_TEST_RABBITMQ_USER") ?? "guest",
                Environment.GetEnvironmentVariable("AIGOV_TEST_RABBITMQ_PASSWORD") ?? "guest");
            return new TestServers(postgres, rabbit,
                $"servers from the environment: PostgreSQL {Describe(postgres)}, RabbitMQ {rabbit.Host}:{rabbit.AmqpPort} (management {rabbit.ManagementPort})");
        }

        if (!DockerWorks())
        {
            throw new InvalidOperationException(
                $"No RabbitMQ/PostgreSQL for the integration tests: set {PostgresVariable} (a connection string of a login with CREATEDB) and " +
                $"{RabbitHostVariable} (plus AIGOV_TEST_RABBITMQ_PORT, _MANAGEMENT_PORT, _USER, _PASSWORD), or run scripts/test.sh, which starts " +
                "both servers locally and sets them; a working Docker engine with the rabbitmq and postgres images also works (Testcontainers).");
        }

        var postgresContainer = new PostgreSqlBuilder("postgres:15").Build();
        var rabbitContainer = new RabbitMqBuilder("rabbitmq:3.13-management")
            .WithPortBinding(15672, assignRandomHostPort: true).Build();
        await Task.WhenAll(postgresContainer.StartAsync(), rabbitContainer.StartAsync());
        var endpoint = new RabbitEndpoint(rabbitContainer.Hostname, rabbitContainer.GetMappedPublicPort(5672),
            rabbitContainer.GetMappedPublicPort(15672), "rabbitmq", "rabbitmq");
        var servers = new TestServers(postgresContainer.GetConnectionString(), endpoint, "Testcontainers: postgres:15 and rabbitmq:3.13-management");
        servers._containers.Add(postgresContainer);
        servers._containers.Add(rabbitContainer);
        return servers;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var container in _containers)
        {
            await container.DisposeAsync();
        }
    }

    private static string Describe(string connectionString)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{csb.Host}:{csb.Port} (user {csb.Username})";
    }

    private static bool DockerWorks()
    {
        try
        {
            using var docker = Process.Start(new ProcessStartInfo("docker", "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (docker is null || !docker.WaitForExit(10_000))
            {
                return false;
            }
            return docker.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

public sealed record RabbitEndpoint(string Host, int AmqpPort, int ManagementPort, string Username, string Password)
{
    /// <summary>The settings that point a service at this broker and <paramref name="virtualHost"/> (environment
    /// variables); add the service's own to the returned dictionary.</summary>
    public Dictionary<string, string> ServiceSettings(string virtualHost) => new()
    {
        ["RabbitMq__Host"] = Host,
        ["RabbitMq__Port"] = AmqpPort.ToString(),
        ["RabbitMq__VirtualHost"] = virtualHost,
        ["RabbitMq__Username"] = Username,
        ["RabbitMq__Password"] = Password,
        ["RabbitMq__ManagementPort"] = ManagementPort.ToString(),
    };
}
