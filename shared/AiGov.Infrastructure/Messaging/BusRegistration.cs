using AiGov.Infrastructure.Persistence;
using AiGov.Infrastructure.Resilience;
using AiGov.Infrastructure.Telemetry;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiGov.Infrastructure.Messaging;

public static class BusRegistration
{
    /// <summary>MassTransit on RabbitMQ with kebab-case names, publisher confirms and the consumers the caller adds.
    /// Consumers bind to their stage queue through their definitions; <c>ConfigureEndpoints</c> comes last.</summary>
    public static IHostApplicationBuilder AddPipelineBus(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? addConsumers = null)
    {
        builder.Services.AddOptions<RabbitMqOptions>()
            .BindConfiguration(RabbitMqOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IDependencyProbe, RabbitMqProbe>();
        AddDeliveryLimit(builder);

        // When the connection drops mid-message, the endpoint restarts only after its in-flight consumers end; one
        // stuck on the dead channel would leave the queue without a consumer for good (MassTransit #2072, #5692).
        // Waiting consumers are cancelled after this long instead, and their messages are redelivered.
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(options =>
        {
            options.StopTimeout = TimeSpan.FromSeconds(30);
            options.ConsumerStopTimeout = TimeSpan.FromSeconds(10);
        });

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            // MassTransit 8.4+ reports anonymous usage to an outside host by default: nothing leaves this machine.
            bus.ConfigureUsageTelemetryOptions(options => options.Enabled = false);
            addConsumers?.Invoke(bus);

            // RabbitMq:QuorumQueues: every endpoint that ConfigureEndpoints creates (the stage queues) is declared as a
            // quorum queue; its _error and _skipped queues copy the queue arguments, so they are quorum queues too.
            // Every endpoint's error pipe first reports a message whose body could not be read (UnreadableMessageFilter),
            // then does what MassTransit's default does: a fault event, and the message into <queue>_error.
            bus.AddRabbitMqConfigureEndpointsCallback((context, name, endpoint) =>
            {
                if (context.GetRequiredService<IOptions<RabbitMqOptions>>().Value.QuorumQueues)
                {
                    endpoint.SetQuorumQueue();
                }
                endpoint.ConfigureError(error =>
                {
                    error.UseFilter(new UnreadableMessageFilter(context, name, context.GetRequiredService<ILogger<UnreadableMessageFilter>>()));
                    error.UseFilter(new GenerateFaultFilter());
                    error.UseFilter(new ErrorTransportFilter());
                });
            });

            bus.UsingRabbitMq((context, cfg) =>
            {
                var options = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
                ConfigureHost(cfg, options, Random.Shared.Next(options.ClusterNodes().Count));
                cfg.PrefetchCount = options.PrefetchCount;
                cfg.UseConsumeFilter(typeof(StageMetricsFilter<>), context);
                cfg.UseConsumeFilter(typeof(DeliveryLimitFilter<>), context);
                cfg.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary>The poison-message check (<see cref="DeliveryLimitFilter{T}"/>) counts in the pipeline's PostgreSQL
    /// database: through the data source of <c>AddPipelineDatabase</c> when the service has one, else through a small
    /// pool of its own. Without a connection string nothing is counted.</summary>
    private static void AddDeliveryLimit(IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SuspectGate>();
        var connectionString = builder.Configuration.GetConnectionString(DatabaseRegistration.ConnectionStringName);
        builder.Services.AddSingleton(services => new DeliveryLedger(services.GetService<NpgsqlDataSource>()
            ?? (string.IsNullOrWhiteSpace(connectionString) ? null : new NpgsqlDataSourceBuilder(connectionString)
            {
                Name = builder.Environment.ApplicationName + "-delivery-ledger",
                ConnectionStringBuilder = { MaxPoolSize = 2 },
            }.Build())));
    }

    /// <summary>One broker (<c>RabbitMq:Host</c>/<c>Port</c>), or with <c>RabbitMq:Nodes</c> MassTransit's cluster list:
    /// a connection that fails or drops is retried on the next node in turn. The list starts at node
    /// <paramref name="firstNode"/> (random per process), so that replicas spread their connections over the nodes
    /// instead of all crowding the first one. The host address (in message addresses) is always the first
    /// configured node, the same in every process.</summary>
    internal static void ConfigureHost(IRabbitMqBusFactoryConfigurator cfg, RabbitMqOptions options, int firstNode)
    {
        var nodes = options.ClusterNodes();
        var address = options.IsCluster ? nodes[0] : new BrokerNode(options.Host, options.Port);
        cfg.Host(address.Host, (ushort)address.Port, options.VirtualHost, host =>
        {
            host.Username(options.Username);
            host.Password(options.Password);
            host.PublisherConfirmation = true;
            if (options.IsCluster)
            {
                host.UseCluster(cluster =>
                {
                    foreach (var node in RotateNodes(nodes, firstNode))
                    {
                        cluster.Node($"{node.Host}:{node.Port}");
                    }
                });
            }
        });
    }

    /// <summary>The nodes starting at index <paramref name="first"/> (modulo their count), then the ones before it.</summary>
    internal static IReadOnlyList<BrokerNode> RotateNodes(IReadOnlyList<BrokerNode> nodes, int first)
    {
        if (nodes.Count == 0)
        {
            return nodes;
        }
        var start = ((first % nodes.Count) + nodes.Count) % nodes.Count;
        return [.. nodes.Skip(start), .. nodes.Take(start)];
    }
}
