using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using AiGov.Infrastructure.Messaging;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AiGov.Infrastructure.Tests;

/// <summary>The retry policy every stage consumer gets (<see cref="StageEndpointDefaults.UseStageDefaults"/>):
/// counted by a consumer that throws what it is told to.</summary>
public sealed class StageRetryPolicyTests
{
    [Theory]
    [InlineData(nameof(StageTimeoutException), 1)]
    [InlineData(nameof(FormatException), 1)]
    [InlineData(nameof(ArgumentException), 1)]
    [InlineData(nameof(RegexMatchTimeoutException), 1)]
    [InlineData(nameof(InvalidOperationException), 3)]
    public async Task Consumer_IsCalled_AsOftenAsThePolicySays_ThenFaults(string exception, int expectedCalls)
    {
        await using var provider = new ServiceCollection()
            .AddMassTransitTestHarness(bus =>
            {
                bus.ConfigureUsageTelemetryOptions(options => options.Enabled = false);
            // Generous: on a loaded 2-core machine a consumer may wait seconds for a thread.
            bus.SetTestTimeouts(testTimeout: TimeSpan.FromSeconds(120), testInactivityTimeout: TimeSpan.FromSeconds(10));
                bus.AddStageConsumer<ThrowingConsumer>("retry-policy-probe");
            })
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var id = Guid.NewGuid();

        await harness.Bus.Publish(new ThrowPlease(id, exception));

        Assert.True(await harness.Published.Any<Fault<ThrowPlease>>(m => m.Context.Message.Message.Id == id));
        Assert.Equal(expectedCalls, ThrowingConsumer.Calls[id]);
    }

    public sealed record ThrowPlease(Guid Id, string Exception);

    public sealed class ThrowingConsumer : IConsumer<ThrowPlease>
    {
        public static readonly ConcurrentDictionary<Guid, int> Calls = new();

        public Task Consume(ConsumeContext<ThrowPlease> context)
        {
            Calls.AddOrUpdate(context.Message.Id, 1, (_, n) => n + 1);
            throw context.Message.Exception switch
            {
                nameof(StageTimeoutException) => new StageTimeoutException("probe", TimeSpan.FromSeconds(1)),
                nameof(FormatException) => new FormatException("bad input"),
                nameof(ArgumentException) => new ArgumentException("bad argument"),
                nameof(RegexMatchTimeoutException) => new RegexMatchTimeoutException("input", "pattern", TimeSpan.FromSeconds(1)),
                _ => new InvalidOperationException("a bug, perhaps passing"),
            };
        }
    }
}
