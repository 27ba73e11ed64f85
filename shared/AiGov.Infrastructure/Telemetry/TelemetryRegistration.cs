using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AiGov.Infrastructure.Telemetry;

public static class TelemetryRegistration
{
    /// <summary>Traces (MassTransit's activity source carries one trace per document from watcher to storage) and
    /// metrics (ours, MassTransit's, the runtime's), exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.</summary>
    public static IHostApplicationBuilder AddPipelineTelemetry(this IHostApplicationBuilder builder)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithTracing(tracing => tracing
                .AddSource(PipelineTelemetry.Name)
                .AddSource("MassTransit"))
            .WithMetrics(metrics => metrics
                .AddMeter(PipelineTelemetry.Name)
                .AddMeter("MassTransit")
                .AddRuntimeInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }
        return builder;
    }
}
