using Npgsql;

namespace AiGov.Cli;

/// <summary>Where the CLI finds the database, the broker (AMQP, for replay) and its management API: the same
/// environment variables as the services (ConnectionStrings__Postgres, RabbitMq__*), with the defaults scripts/up.sh uses.</summary>
public sealed record CliSettings(string PostgresConnectionString, Uri ManagementApi, string RabbitUser, string RabbitPassword, string VirtualHost,
    string RabbitHost = "127.0.0.1", int AmqpPort = 5672)
{
    public static CliSettings FromEnvironment()
    {
        string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : fallback;
        var host = Env("RabbitMq__Host", "127.0.0.1");
        return new CliSettings(
            Env("ConnectionStrings__Postgres", "Host=127.0.0.1;Port=5432;Database=aigov;Username=aigov;Password=aigov"),
            new Uri($"http://{host}:{Env("RabbitMq__ManagementPort", "15672")}/api/"),
            Env("RabbitMq__Username", "guest"),
            Env("RabbitMq__Password", "guest"),
            Env("RabbitMq__VirtualHost", "/"),
            host,
            int.Parse(Env("RabbitMq__Port", "5672"), System.Globalization.CultureInfo.InvariantCulture));
    }

    public string DescribePostgres()
    {
        var csb = new NpgsqlConnectionStringBuilder(PostgresConnectionString);
        return $"PostgreSQL at {csb.Host}:{csb.Port}/{csb.Database}";
    }

    public string DescribeRabbitMq() => $"RabbitMQ at {RabbitHost}:{AmqpPort} (virtual host '{VirtualHost}')";
}
