using AiGov.Infrastructure.Resilience;
using AiGov.Infrastructure.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace AiGov.Infrastructure.Hosting;

public static class ServiceDefaults
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    /// <summary>A service host: settings from the appsettings.json beside the binary (whatever the working
    /// directory) and the environment, plus the service defaults.</summary>
    public static WebApplicationBuilder CreateServiceBuilder(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddServiceDefaults();
        return builder;
    }

    /// <summary>One-line console logs and health checks.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (builder.Configuration.GetValue<bool>("Logging:Json"))
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.TimestampFormat = "O";
                o.IncludeScopes = true;
            });
        }
        else
        {
            builder.Logging.AddConsole(o => o.FormatterName = OneLineConsoleFormatter.FormatterName)
                .AddConsoleFormatter<OneLineConsoleFormatter, ConsoleFormatterOptions>();
        }

        builder.AddPipelineTelemetry();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"]);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder;
    }

    /// <summary>Maps the health endpoints, waits until the broker and database answer, then runs the service.</summary>
    public static async Task RunServiceAsync(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        await DependencyGate.WaitAsync(app.Services, CancellationToken.None);
        await app.RunAsync();
    }

    /// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: broker and database reachable.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        // A bus that is reconnecting reports Degraded: not ready for work.
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        return app;
    }
}
