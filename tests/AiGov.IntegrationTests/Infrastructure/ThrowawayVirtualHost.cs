using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AiGov.IntegrationTests.Infrastructure;

/// <summary>A RabbitMQ virtual host of its own for one fixture (its queues start empty and go away with it),
/// managed through the management HTTP API.</summary>
public sealed class ThrowawayVirtualHost : IAsyncDisposable
{
    private static readonly JsonSerializerOptions s_camelCase = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;

    private ThrowawayVirtualHost(HttpClient http, string name)
    {
        _http = http;
        Name = name;
    }

    public string Name { get; }

    public static async Task<ThrowawayVirtualHost> CreateAsync(RabbitEndpoint rabbit)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://{rabbit.Host}:{rabbit.ManagementPort}/api/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{rabbit.Username}:{rabbit.Password}")));
        var name = $"aigov-test-{Guid.NewGuid():N}"[..19];
        (await http.PutAsync($"vhosts/{name}", null)).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"permissions/{name}/{Uri.EscapeDataString(rabbit.Username)}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        return new ThrowawayVirtualHost(http, name);
    }

    /// <summary>Null when the queue does not exist.</summary>
    public async Task<QueueState?> GetQueueAsync(string queue)
    {
        var response = await _http.GetAsync($"queues/{Name}/{Uri.EscapeDataString(queue)}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        return new QueueState(
            Count(root, "messages_ready"),
            Count(root, "messages_unacknowledged"),
            Count(root, "consumers"),
            root.TryGetProperty("message_stats", out var stats) ? Count(stats, "ack") : 0);
    }

    /// <summary>Publishes a MassTransit envelope straight to a message type's exchange, as another service would.</summary>
    public Task PublishEnvelopeAsync(string messageTypeFullName, object message) =>
        PublishEnvelopeToAsync(ExchangeName(messageTypeFullName), messageTypeFullName, message);

    /// <summary>Publishes a MassTransit envelope to any exchange (e.g. an endpoint's <c>X_error</c>), with AMQP headers.</summary>
    public async Task PublishEnvelopeToAsync(string exchangeName, string messageTypeFullName, object message,
        IReadOnlyDictionary<string, string>? headers = null, Guid? messageId = null)
    {
        var envelope = new
        {
            messageId = messageId ?? Guid.NewGuid(),
            conversationId = Guid.NewGuid(),
            messageType = new[] { $"urn:message:{ExchangeName(messageTypeFullName)}" },
            message,
            sentTime = DateTimeOffset.UtcNow,
            headers = new { },
        };
        await PublishRawToAsync(exchangeName, JsonSerializer.Serialize(envelope, s_camelCase), headers);
    }

    /// <summary>Publishes <paramref name="payload"/> as it is (no envelope is made) with MassTransit's content type,
    /// as a broken or hostile publisher would.</summary>
    public async Task PublishRawToAsync(string exchangeName, string payload, IReadOnlyDictionary<string, string>? headers = null)
    {
        var body = new
        {
            properties = new { content_type = "application/vnd.masstransit+json", delivery_mode = 2, headers = headers ?? new Dictionary<string, string>() },
            routing_key = "",
            payload,
            payload_encoding = "string",
        };
        var response = await _http.PostAsJsonAsync($"exchanges/{Name}/{Uri.EscapeDataString(exchangeName)}/publish", body);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (!json.RootElement.GetProperty("routed").GetBoolean())
        {
            throw new InvalidOperationException($"The message to {exchangeName} reached no queue.");
        }
    }

    /// <summary>Takes the first message of <paramref name="queue"/> and gives it back unanswered, as a consumer whose
    /// process died would: RabbitMQ delivers it next marked redelivered.</summary>
    public async Task ReturnUnansweredAsync(string queue)
    {
        var response = await _http.PostAsJsonAsync($"queues/{Name}/{Uri.EscapeDataString(queue)}/get",
            new { count = 1, ackmode = "reject_requeue_true", encoding = "auto" });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (json.RootElement.GetArrayLength() != 1)
        {
            throw new InvalidOperationException($"{queue} held no message to give back.");
        }
    }

    /// <summary>MassTransit's exchange name for a message type: "Namespace:TypeName".</summary>
    public static string ExchangeName(string messageTypeFullName)
    {
        var lastDot = messageTypeFullName.LastIndexOf('.');
        return $"{messageTypeFullName[..lastDot]}:{messageTypeFullName[(lastDot + 1)..]}";
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _http.DeleteAsync($"vhosts/{Name}");
        }
        finally
        {
            _http.Dispose();
        }
    }

    private static long Count(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
}

/// <param name="Acknowledged">Deliveries acknowledged since the queue was made (the management API's count lags by a
/// few seconds).</param>
public sealed record QueueState(long Ready, long Unacknowledged, long Consumers, long Acknowledged = 0);
