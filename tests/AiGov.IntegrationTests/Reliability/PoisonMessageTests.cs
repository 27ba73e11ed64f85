using System.Collections.Concurrent;
using AiGov.Infrastructure.Messaging;
using AiGov.Infrastructure.Persistence;
using AiGov.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Xunit;

namespace AiGov.IntegrationTests.Reliability;

/// <summary>Issue #19 point 4, on a real broker and database with the stages' bus
/// (<see cref="BusRegistration.AddPipelineBus"/>): a message that RabbitMQ redelivers (its consumer gave no answer, as
/// when its process dies) is worked on alone with its start counted in <c>message_deliveries</c>; once it was worked on
/// alone twice without an outcome it faults as poison, without being worked on again.</summary>
public sealed class PoisonMessageTests
{
    private const string Queue = "poison-probe";

    [Fact]
    public async Task A_message_whose_process_died_twice_while_it_was_worked_on_alone_faults_as_poison_and_is_not_worked_on()
    {
        await using var rig = await Rig.CreateAsync();
        var messageId = Guid.NewGuid();
        var id = Guid.NewGuid();
        await rig.CountEarlierAloneDeliveriesAsync(messageId, 2);
        await rig.PublishReturnedAsync(id, messageId);

        await rig.StartAsync();

        var faulted = Probes.Faults.Task(id);
        if (await Task.WhenAny(faulted, Task.Delay(TimeSpan.FromSeconds(60))) != faulted)
        {
            Assert.Fail($"no fault: worked on {Probes.WorkedOn.GetValueOrDefault(id)} times; queue {await rig.StateAsync(Queue)}, error queue {await rig.StateAsync(Queue + "_error")}");
        }
        var fault = await faulted;
        Assert.Equal(typeof(PoisonMessageException).FullName, fault.ExceptionType);
        Assert.StartsWith("poison: the message was delivered 3 times", fault.Message);
        Assert.False(Probes.WorkedOn.ContainsKey(id));
        Assert.Equal(1, (await rig.WaitForErrorQueueAsync()).Ready);
        Assert.Null(await rig.AloneDeliveriesAsync(messageId));
    }

    [Fact]
    public async Task A_message_back_once_is_worked_on_once_with_its_start_counted_and_the_count_cleared_after()
    {
        await using var rig = await Rig.CreateAsync();
        var messageId = Guid.NewGuid();
        var id = Guid.NewGuid();
        await rig.PublishReturnedAsync(id, messageId);

        await rig.StartAsync();

        var countWhileWorking = await Probes.CountWhileWorking.Task(id).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(1, countWhileWorking);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(1, Probes.WorkedOn[id]);
        Assert.False(Probes.Faults.Has(id));
        Assert.Null(await rig.AloneDeliveriesAsync(messageId));
    }

    [Fact]
    public async Task A_message_delivered_once_is_not_counted()
    {
        await using var rig = await Rig.CreateAsync();
        await rig.StartAsync();
        var id = Guid.NewGuid();

        await rig.PublishAsync(id, Guid.NewGuid());

        Assert.Null(await Probes.CountWhileWorking.Task(id).WaitAsync(TimeSpan.FromSeconds(60)));
    }

    public sealed record PoisonProbe(Guid Id);

    /// <summary>What the probe consumers saw, by probe id (the tests run side by side).</summary>
    private static class Probes
    {
        public static readonly ConcurrentDictionary<Guid, int> WorkedOn = new();
        public static readonly Signals<int?> CountWhileWorking = new();
        public static readonly Signals<ExceptionInfo> Faults = new();
        public static readonly ConcurrentDictionary<Guid, string> Databases = new();
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
        public async Task Consume(ConsumeContext<PoisonProbe> context)
        {
            Probes.WorkedOn.AddOrUpdate(context.Message.Id, 1, (_, n) => n + 1);
            var count = await AloneDeliveriesAsync(Probes.Databases[context.Message.Id], context.MessageId!.Value);
            Probes.CountWhileWorking.Set(context.Message.Id, count);
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

    private static async Task<int?> AloneDeliveriesAsync(string connectionString, Guid messageId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT alone_deliveries FROM message_deliveries WHERE queue = $1 AND message_id = $2", connection)
        {
            Parameters = { new() { Value = Queue }, new() { Value = messageId } },
        };
        return await command.ExecuteScalarAsync() as int?;
    }

    private sealed class Rig : IAsyncDisposable
    {
        private readonly TestServers _servers;
        private readonly ThrowawayVirtualHost _virtualHost;
        private readonly ThrowawayDatabase _database;
        private IHost? _host;

        private Rig(TestServers servers, ThrowawayVirtualHost virtualHost, ThrowawayDatabase database)
        {
            _servers = servers;
            _virtualHost = virtualHost;
            _database = database;
        }

        /// <summary>The service started once (its schema migrated, its queues bound) and stopped, so the queue exists
        /// with no consumer on it.</summary>
        public static async Task<Rig> CreateAsync()
        {
            var servers = await TestServers.StartAsync();
            var rig = new Rig(servers, await ThrowawayVirtualHost.CreateAsync(servers.Rabbit),
                await ThrowawayDatabase.CreateAsync(servers.PostgresAdminConnectionString));
            await rig.StartAsync();
            await rig._host!.StopAsync();
            rig._host.Dispose();
            rig._host = null;
            return rig;
        }

        public async Task PublishAsync(Guid id, Guid messageId)
        {
            Probes.Databases[id] = _database.ConnectionString;
            await _virtualHost.PublishEnvelopeToAsync(Queue, typeof(PoisonProbe).FullName!, new PoisonProbe(id), messageId: messageId);
        }

        /// <summary>A probe on the queue, given back unanswered once, so RabbitMQ delivers it next as redelivered.</summary>
        public async Task PublishReturnedAsync(Guid id, Guid messageId)
        {
            await PublishAsync(id, messageId);
            await _virtualHost.ReturnUnansweredAsync(Queue);
        }

        /// <summary>As if the message had been worked on alone <paramref name="count"/> times and its process had died.</summary>
        public async Task CountEarlierAloneDeliveriesAsync(Guid messageId, int count)
        {
            await using var connection = new NpgsqlConnection(_database.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "INSERT INTO message_deliveries (queue, message_id, alone_deliveries, last_started_at) VALUES ($1, $2, $3, now())", connection)
            {
                Parameters = { new() { Value = Queue }, new() { Value = messageId }, new() { Value = count } },
            };
            await command.ExecuteNonQueryAsync();
        }

        public Task<int?> AloneDeliveriesAsync(Guid messageId) => PoisonMessageTests.AloneDeliveriesAsync(_database.ConnectionString, messageId);

        public async Task StartAsync()
        {
            var builder = Host.CreateApplicationBuilder();
            var settings = _servers.Rabbit.ServiceSettings(_virtualHost.Name);
            settings[$"ConnectionStrings__{DatabaseRegistration.ConnectionStringName}"] = _database.ConnectionString;
            builder.Configuration.AddInMemoryCollection(settings
                .Select(setting => KeyValuePair.Create(setting.Key.Replace("__", ":", StringComparison.Ordinal), (string?)setting.Value)));
            builder.AddPipelineDatabase();
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
            await _database.DisposeAsync();
            await _servers.DisposeAsync();
        }
    }
}
