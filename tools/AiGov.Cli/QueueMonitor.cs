using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AiGov.Cli;

public sealed record QueueInfo(string Name, long Ready, long Unacknowledged, long Consumers);

/// <summary>Queue depths and consumers from the RabbitMQ management HTTP API.</summary>
public sealed class QueueMonitor(CliSettings settings) : IDisposable
{
    private readonly HttpClient _http = CreateClient(settings);

    public async Task<List<QueueInfo>> QueuesAsync(CancellationToken ct)
    {
        var json = await _http.GetStringAsync($"queues/{Uri.EscapeDataString(settings.VirtualHost)}", ct);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(q => new QueueInfo(q.GetProperty("name").GetString()!, Count(q, "messages_ready"), Count(q, "messages_unacknowledged"), Count(q, "consumers")))
            .OrderBy(q => q.Name, StringComparer.Ordinal)
            .ToList();
    }

    public void Dispose() => _http.Dispose();

    private static long Count(JsonElement queue, string property) =>
        queue.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;

    private static HttpClient CreateClient(CliSettings settings)
    {
        var http = new HttpClient { BaseAddress = settings.ManagementApi, Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.RabbitUser}:{settings.RabbitPassword}")));
        return http;
    }
}
