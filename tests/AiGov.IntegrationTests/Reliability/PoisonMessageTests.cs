using System.Collections.Concurrent;
using AiGov.Infrastructure.Messaging;
using AiGov.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace AiGov.IntegrationTests.Reliability;

/// <summary>Issue #19 point 4, on a real broker with the stages' bus (<see cref="BusRegistration.AddPipelineBus"/>): a
/// message that RabbitMQ redelivers (its consumer gave no answer, as when its process dies) is counted in the message
/// itself, and once it has come back <see cref="DeliveryLimit.MaxDeliveriesWithoutOutcome"/> times it faults as poison
/// without being worked on again.</summary>
public sealed class PoisonMessageTests
{
    private const string Queue = "poison-probe";

    [Fact]
    public async Task A_message_back_for_the_third_time_without_an_outcome_faults_as_poison_and_is_not_worked_on()
    {
        await using var rig = await Rig.CreateAsync();
        var id = Guid.NewGuid();
        await rig.PublishReturnedAsync(id, carried: DeliveryLimit.MaxDeliveriesWithoutOutcome - 1);

        await rig.StartAsync();

        var faulted = Probes.Faults.Task(id);
        if (await Task.WhenAny(faulted, Task.Delay(TimeSpan.FromSeconds(60))) != faulted)
        {
            Assert.Fail($"no fault: worked on {Probes.WorkedOn.GetValueOrDefault(id)} times; queue {await rig.StateAsync(Queue)}, error queue {await rig.StateAsync(Queue + "_error")}, faults queue {await rig.StateAsync(Queue + "-faults")}");
        }
        var fault = await faulted;
        Assert.Equal(typeof(PoisonMessageException).FullName, fault.ExceptionType);
        Assert.StartsWith("poison: the message was delivered 3 times", fault.Message);
        Assert.False(Probes.WorkedOn.ContainsKey(id));
        Assert.Equal(1, (await rig.WaitForErrorQueueAsync()).Ready);
    }

    [Fact]
    public async Task A_message_back_once_is_put_back_with_its_count_and_worked_on_once()
    {
        await using var rig = await Rig.CreateAsync();
        var id = Guid.NewGuid();
        await rig.PublishReturnedAsync(id, carried: null);

        await rig.StartAsync();

        var carried = await Probes.WorkedOnCount.Task(id).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(1, carried);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(1, Probes.WorkedOn[id]);
        Assert.False(Probes.Faults.Has(id));
    }

    public sealed record PoisonProbe(Guid Id);

    /// <summary>What the probe consumers saw, by message id (the tests run side by side).</summary>
    private static class Probes
    {
        public static readonly ConcurrentDictionary<Guid, int> WorkedOn = new();
        public static readonly Signals<int> WorkedOnCount = new();
        public static readonly Signals<ExceptionInfo> Faults = new();
    }

    private sealed class Signals<T>
    {
        private readonly ConcurrentDictionary<Guid, TaskCompletionSource<T>> _signals = new();

        public Task<T> Task(Guid id) => Get(id).Task;

        public void Set(Guid id, T value) => Get(id).TrySetResult(value);

        public bool Has(Guid id) => _signals.TryGetValue(id, out var signal) && signal.Task.IsCompleted;

        private TaskCompletionSource<T> Get(Guid id) =>
            _signals.GetOrAdd(id, _ => new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    public sealed class ProbeConsumer : IConsumer<PoisonProbe>
    {
        public Task Consume(ConsumeContext<PoisonProbe> context)
        {
            Probes.WorkedOn.AddOrUpdate(context.Message.Id, 1, (_, n) => n + 1);
            Probes.WorkedOnCount.Set(context.Message.Id, DeliveryLimit.CarriedCount(context.Headers.Get<object>(DeliveryLimit.HeaderName)));
            return Task.CompletedTask;
        }
    }

    public sealed class ProbeFaultConsumer : IConsumer<Fault<PoisonProbe>>
    {
        public Task Consume(ConsumeContext<Fault<PoisonProbe>> context)
        {
            Probes.Faults.Set(context.Message.Message.Id, context.Message.Exceptions[0]);
            return Task.CompletedTask;
        }
    }

    private sealed class Rig : IAsyncDisposable
    {
        private readonly TestServers _servers;
        private readonly ThrowawayVirtualHost _virtualHost;
        private IHost? _host;

        private Rig(TestServers servers, ThrowawayVirtualHost virtualHost)
        {
            _servers = servers;
            _virtualHost = virtualHost;
        }

        /// <summary>The bus started once and stopped, so its queues and bindings exist with no consumer on them.</summary>
        public static async Task<Rig> CreateAsync()
        {
            var servers = await TestServers.StartAsync();
            var rig = new Rig(servers, await ThrowawayVirtualHost.CreateAsync(servers.Rabbit));
            await rig.StartAsync();
            await rig._host!.StopAsync();
            rig._host.Dispose();
            rig._host = null;
            return rig;
        }

        /// <summary>A probe on the queue, given back unanswered once, so RabbitMQ delivers it next as redelivered.</summary>
        public async Task PublishReturnedAsync(Guid id, int? carried)
        {
            var headers = carried is { } count ? new Dictionary<string, string> { [DeliveryLimit.HeaderName] = count.ToString() } : null;
            await _virtualHost.PublishEnvelopeToAsync(Queue, typeof(PoisonProbe).FullName!, new PoisonProbe(id), headers);
            await _virtualHost.ReturnUnansweredAsync(Queue);
        }

        public async Task StartAsync()
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(_servers.Rabbit.ServiceSettings(_virtualHost.Name)
                .Select(setting => KeyValuePair.Create(setting.Key.Replace("__", ":", StringComparison.Ordinal), (string?)setting.Value)));
            builder.AddPipelineBus(bus =>
            {
                bus.AddConsumer<ProbeConsumer>().Endpoint(endpoint => endpoint.Name = Queue);
                bus.AddConsumer<ProbeFaultConsumer>().Endpoint(endpoint => endpoint.Name = Queue + "-faults");
            });
            _host = builder.Build();
            await _host.StartAsync();
            // The bus starts in the background: its queues exist once it consumes.
            for (var i = 0; i < 120 && await _virtualHost.GetQueueAsync(Queue) is not { Consumers: > 0 }; i++)
            {
                await Task.Delay(500);
            }
        }

        public Task<QueueState?> StateAsync(string queue) => _virtualHost.GetQueueAsync(queue);

        public async Task<QueueState> WaitForErrorQueueAsync()
        {
            for (var i = 0; i < 60; i++)
            {
                if (await _virtualHost.GetQueueAsync(Queue + "_error") is { Ready: > 0 } state)
                {
                    return state;
                }
                await Task.Delay(500);
            }
            throw new TimeoutException($"{Queue}_error stayed empty");
        }

        public async ValueTask DisposeAsync()
        {
            if (_host is not null)
            {
                await _host.StopAsync();
                _host.Dispose();
            }
            await _virtualHost.DisposeAsync();
            await _servers.DisposeAsync();
        }
    }
}
