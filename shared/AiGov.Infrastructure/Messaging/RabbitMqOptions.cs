using System.ComponentModel.DataAnnotations;

namespace AiGov.Infrastructure.Messaging;

/// <summary>Bound from the <c>RabbitMq</c> configuration section (<c>RabbitMq__Host</c> etc.).</summary>
public sealed class RabbitMqOptions
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

    public string Describe() => $"amqp://{Username}@{Host}:{Port}{(VirtualHost == "/" ? "/" : "/" + VirtualHost)}";
}
