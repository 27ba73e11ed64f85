using System.Diagnostics.Metrics;
using AiGov.Contracts;
using AiGov.Infrastructure.Telemetry;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AiGov.Infrastructure.Tests;

public sealed class StageMetricsFilterTests
{
    [Fact]
    public async Task Filter_CountsFinishedDocumentsAndErrors_ByStage()
    {
        var measurements = new List<(string Instrument, long Value, string? Stage)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PipelineTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var stage = tags.ToArray().FirstOrDefault(t => t.Key == "stage").Value as string;
            lock (measurements)
            {
                measurements.Add((instrument.Name, value, stage));
            }
        });
        listener.Start();

        await using var provider = new ServiceCollection()
            .AddMassTransitTestHarness(bus =>
            {
                bus.ConfigureUsageTelemetryOptions(options => options.Enabled = false);
                bus.AddConsumer<AcceptingConsumer>().Endpoint(e => e.Name = "accepting-stage");
                bus.AddConsumer<FailingConsumer>().Endpoint(e => e.Name = "failing-stage");
                bus.UsingInMemory((context, cfg) =>
                {
                    cfg.UseConsumeFilter(typeof(StageMetricsFilter<>), context);
                    cfg.ConfigureEndpoints(context);
                });
            })
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        harness.TestInactivityTimeout = TimeSpan.FromSeconds(2);
        await harness.Start();

        await harness.Bus.Publish(Cleaned());
        await harness.Bus.Publish(Detected());

        Assert.True(await harness.Consumed.Any<DocumentCleaned>());
        Assert.True(await harness.Consumed.Any<LanguageDetected>(x => x.Exception is not null));
        listener.RecordObservableInstruments();
        lock (measurements)
        {
            Assert.Contains(("aigov.stage.documents", 1L, "accepting-stage"), measurements);
            Assert.Contains(("aigov.stage.errors", 1L, "failing-stage"), measurements);
            Assert.DoesNotContain(measurements, m => m.Instrument == "aigov.stage.documents" && m.Stage == "failing-stage");
        }
    }

    private static DocumentSource Source() => new() { FileName = "a.txt", RawSha256 = "00", SizeBytes = 1, ReceivedAt = DateTimeOffset.UtcNow };

    private static CleanContent Content() => new() { Text = "text", ContentSha256 = "11", SourceFormat = "plain_text", Encoding = "utf-8" };

    private static DocumentCleaned Cleaned() => new() { DocumentId = Guid.NewGuid(), Source = Source(), Content = Content() };

    private static LanguageDetected Detected() => new()
    {
        DocumentId = Guid.NewGuid(),
        Source = Source(),
        Content = Content(),
        Language = new DetectedLanguage { Code = "en", Confidence = 1 },
    };

    public sealed class AcceptingConsumer : IConsumer<DocumentCleaned>
    {
        public Task Consume(ConsumeContext<DocumentCleaned> context) => Task.CompletedTask;
    }

    public sealed class FailingConsumer : IConsumer<LanguageDetected>
    {
        public Task Consume(ConsumeContext<LanguageDetected> context) => throw new InvalidOperationException("boom");
    }
}
