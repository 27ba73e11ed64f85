using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using AiGov.Infrastructure.Messaging;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace AiGov.Infrastructure.Telemetry;

/// <summary>Around every consumed message: a log scope naming the document (so every log line about it carries
/// its id), the stage's duration and outcome as metrics, and the document id on the current trace.</summary>
public sealed class StageMetricsFilter<T>(ILogger<StageMetricsFilter<T>> logger) : IFilter<ConsumeContext<T>>
    where T : class
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> s_documentIdProperties = new();

    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var stage = ReceiveQueue.NameOf(context.ReceiveContext);
        var documentId = DocumentIdOf(context.Message);
        var tags = new TagList { { "stage", stage }, { "message", typeof(T).Name } };
        Activity.Current?.SetTag("aigov.document_id", documentId);
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["DocumentId"] = documentId, ["Stage"] = stage });
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next.Send(context);
            PipelineTelemetry.DocumentsProcessed.Add(1, tags);
        }
        catch
        {
            PipelineTelemetry.StageErrors.Add(1, tags);
            throw;
        }
        finally
        {
            PipelineTelemetry.StageDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("aigov-stage-metrics");

    // Fault<T> carries the document inside its Message; every pipeline message has a DocumentId property.
    private static Guid? DocumentIdOf(object message)
    {
        var inner = message is Fault fault ? FaultedMessage(fault) : message;
        if (inner is null)
        {
            return null;
        }
        var property = s_documentIdProperties.GetOrAdd(inner.GetType(), t => t.GetProperty("DocumentId", typeof(Guid)));
        return property?.GetValue(inner) as Guid?;
    }

    private static object? FaultedMessage(Fault fault) =>
        fault.GetType().GetProperty(nameof(Fault<object>.Message))?.GetValue(fault);
}
