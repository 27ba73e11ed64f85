using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AiGov.Infrastructure.Telemetry;

/// <summary>The pipeline's own traces and metrics, beside MassTransit's ("MassTransit" source and meter).</summary>
public static class PipelineTelemetry
{
    public const string Name = "AiGov.Pipeline";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter s_meter = new(Name);

    /// <summary>Messages a stage finished, by stage (queue name).</summary>
    public static readonly Counter<long> DocumentsProcessed =
        s_meter.CreateCounter<long>("aigov.stage.documents", unit: "{document}", description: "Documents a stage finished");

    /// <summary>Attempts that threw, by stage: retries count here too.</summary>
    public static readonly Counter<long> StageErrors =
        s_meter.CreateCounter<long>("aigov.stage.errors", unit: "{attempt}", description: "Consume attempts that threw, retries included");

    public static readonly Histogram<double> StageDuration =
        s_meter.CreateHistogram<double>("aigov.stage.duration", unit: "ms", description: "Time a stage spent on one document");

    /// <summary>Files the watcher refused, by reason code.</summary>
    public static readonly Counter<long> DocumentsRejected =
        s_meter.CreateCounter<long>("aigov.documents.rejected", unit: "{document}", description: "Files refused by the watcher");

    /// <summary>Documents recorded as failed after a stage gave up, by stage.</summary>
    public static readonly Counter<long> DocumentsFailed =
        s_meter.CreateCounter<long>("aigov.documents.failed", unit: "{document}", description: "Documents a stage gave up on");
}
