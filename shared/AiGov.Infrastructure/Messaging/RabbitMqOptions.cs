using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace AiGov.Infrastructure.Messaging;

/// <summary>Bound from the <c>RabbitMq</c> configuration section (<c>RabbitMq__Host</c> etc.).</summary>
public sealed class RabbitMqOptions : IValidatableObject
{
    public const string SectionName = "RabbitMq";

    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 5672;

    [Required]
    public string VirtualHost { get; set; } = "/";

    [Required]
    public string Username { get; set; } = "guest";

    [Required]
    public string Password { get; set; } = "guest";

    [Range(1, 65535)]
    public int ManagementPort { get; set; } = 15672;

    /// <summary>Messages fetched ahead per consumer endpoint.</summary>
    [Range(1, 1000)]
    public int PrefetchCount { get; set; } = 32;

    /// <summary>The nodes of a RabbitMQ cluster, <c>host[:port]</c> separated by commas (<c>RabbitMq__Nodes=
    /// 127.0.0.1:5701,127.0.0.1:5702,127.0.0.1:5703</c>). Empty (the default): the single broker at
    /// <see cref="Host"/>:<see cref="Port"/>. A node without a port uses <see cref="Port"/>. When set, a connection
    /// that fails or drops is retried on the next node, and <see cref="Host"/> and <see cref="Port"/> are not used
    /// for connecting.</summary>
    public string? Nodes { get; set; }

    /// <summary>Declare every stage queue (and its <c>_error</c> / <c>_skipped</c> queues) as a quorum queue: replicated
    /// on the cluster's nodes, so it survives the loss of a minority of them. Off (the default): classic durable
    /// queues, which live on one node. A queue's type is fixed when it is declared: switching an existing broker
    /// means deleting the stage queues first (see the README).</summary>
    public bool QuorumQueues { get; set; }

    /// <summary>The nodes to connect to, in the configured order: <see cref="Nodes"/> when set, else
    /// <see cref="Host"/>:<see cref="Port"/> alone.</summary>
    /// <exception cref="FormatException">An entry of <see cref="Nodes"/> is not <c>host[:port]</c>.</exception>
    public IReadOnlyList<BrokerNode> ClusterNodes()
    {
        if (string.IsNullOrWhiteSpace(Nodes))
        {
            return [new BrokerNode(Host, Port)];
        }

        var nodes = new List<BrokerNode>();
        foreach (var entry in Nodes.Split([',', ';', ' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            nodes.Add(BrokerNode.Parse(entry, Port));
        }
        return nodes;
    }

    /// <summary>True when <see cref="Nodes"/> is set (even to one node): connect through MassTransit's cluster list.</summary>
    public bool IsCluster => !string.IsNullOrWhiteSpace(Nodes);

    public string Describe()
    {
        var vhost = VirtualHost == "/" ? "/" : "/" + VirtualHost;
        if (!IsCluster)
        {
            return $"amqp://{Username}@{Host}:{Port}{vhost}";
        }
        try
        {
            return $"amqp://{Username}@{{{string.Join(',', ClusterNodes())}}}{vhost}";
        }
        catch (FormatException)
        {
            return $"amqp://{Username}@{{{Nodes}}}{vhost}";
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsCluster)
        {
            yield break;
        }
        string? error = null;
        try
        {
            var nodes = ClusterNodes();
            if (nodes.Count == 0)
            {
                error = $"RabbitMq:Nodes='{Nodes}' names no node -- give host[:port] entries separated by commas, or leave it empty for RabbitMq:Host/Port";
            }
            else if (nodes.Distinct().Count() != nodes.Count)
            {
                error = $"RabbitMq:Nodes='{Nodes}' names a node twice -- list each node once";
            }
        }
        catch (FormatException e)
        {
            error = e.Message;
        }
        if (error is not null)
        {
            yield return new ValidationResult(error, [nameof(Nodes)]);
        }
    }
}

/// <summary>One broker node: host name or IP address and AMQP port.</summary>
public sealed record BrokerNode(string Host, int Port)
{
    /// <summary>Parses <c>host</c> or <c>host:port</c>; a missing port is <paramref name="defaultPort"/>.</summary>
    /// <exception cref="FormatException">Not a node address (with the reason and an example).</exception>
    public static BrokerNode Parse(string text, int defaultPort)
    {
        var entry = text.Trim();
        if (entry.Contains("://", StringComparison.Ordinal))
        {
            throw new FormatException($"RabbitMq:Nodes entry '{text}' is a URI -- write host:port without a scheme, e.g. 127.0.0.1:5701");
        }
        var parts = entry.Split(':');
        if (parts.Length > 2)
        {
            throw new FormatException($"RabbitMq:Nodes entry '{text}' has several ':' -- MassTransit's node list takes host:port only (no IPv6 literal): use a host name, e.g. rabbit1:5672");
        }
        var host = parts[0];
        if (host.Length == 0 || host.Any(char.IsWhiteSpace))
        {
            throw new FormatException($"RabbitMq:Nodes entry '{text}' has no host -- write host:port, e.g. 127.0.0.1:5701");
        }
        var number = defaultPort;
        if (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > 65535))
        {
            throw new FormatException($"RabbitMq:Nodes entry '{text}' has port '{parts[1]}', not a number from 1 to 65535 -- write host:port, e.g. 127.0.0.1:5701");
        }
        return new BrokerNode(host, number);
    }

    public override string ToString() => $"{Host}:{Port}";
}
