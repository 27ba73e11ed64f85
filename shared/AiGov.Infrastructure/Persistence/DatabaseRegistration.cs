using AiGov.Infrastructure.Resilience;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace AiGov.Infrastructure.Persistence;

public static class DatabaseRegistration
{
    public const string ConnectionStringName = "Postgres";
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Database=aigov;Username=aigov;Password=aigov";

    /// <summary>PostgreSQL through one pooled data source, the EF Core context, a readiness check, a start-up probe
    /// and (by default) the migrator. Call after <c>AddServiceDefaults</c> and before <c>AddPipelineBus</c>, so the
    /// schema exists before any consumer runs.</summary>
    public static IHostApplicationBuilder AddPipelineDatabase(this IHostApplicationBuilder builder, bool applyMigrations = true)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"No PostgreSQL connection string: set ConnectionStrings:{ConnectionStringName} in appsettings.json or the environment variable ConnectionStrings__{ConnectionStringName}.");
        }

        var dataSource = new NpgsqlDataSourceBuilder(connectionString)
        {
            Name = builder.Environment.ApplicationName,
        }.Build();
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddDbContext<AiGovDbContext>(options => options.UseNpgsql(dataSource));
        builder.Services.AddSingleton<IDependencyProbe, PostgresProbe>();
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"]);
        if (applyMigrations)
        {
            builder.Services.AddHostedService<DatabaseMigrator>();
        }
        return builder;
    }
}

internal sealed class PostgresProbe(NpgsqlDataSource dataSource) : IDependencyProbe
{
    public string Name
    {
        get
        {
            var csb = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
            return $"PostgreSQL at {csb.Host}:{csb.Port}/{csb.Database} (user {csb.Username})";
        }
    }

    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken);
    }
}

internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL is not reachable: {e.Message}");
        }
    }
}
