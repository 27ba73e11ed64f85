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
            Count(root, "consumers"));
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

public sealed record QueueState(long Ready, long Unacknowledged, long Consumers);
