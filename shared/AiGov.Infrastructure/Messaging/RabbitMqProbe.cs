using AiGov.Infrastructure.Resilience;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace AiGov.Infrastructure.Messaging;

/// <summary>Opens (and closes) one AMQP connection: proves the broker is up and the credentials work. With a cluster
/// (<c>RabbitMq:Nodes</c>) any one reachable node is enough: the client tries them in order.</summary>
internal sealed class RabbitMqProbe(IOptions<RabbitMqOptions> options) : IDependencyProbe
{
    public string Name => $"RabbitMQ at {options.Value.Describe()}";

    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var factory = new ConnectionFactory
        {
            HostName = o.Host,
            Port = o.Port,
            VirtualHost = o.VirtualHost,
            UserName = o.Username,
            Password = o.Password,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            AutomaticRecoveryEnabled = false,
        };
        var endpoints = o.ClusterNodes().Select(node => new AmqpTcpEndpoint(node.Host, node.Port)).ToList();
        await using var connection = await factory.CreateConnectionAsync(endpoints, "aigov-startup-probe", cancellationToken);
        await connection.CloseAsync(cancellationToken);
    }
}
