using AiGov.Infrastructure.Resilience;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace AiGov.Infrastructure.Messaging;

/// <summary>Opens (and closes) one AMQP connection: proves the broker is up and the credentials work.</summary>
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
        await using var connection = await factory.CreateConnectionAsync("aigov-startup-probe", cancellationToken);
        await connection.CloseAsync(cancellationToken);
    }
}
