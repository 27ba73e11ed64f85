using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using AiGov.Contracts;
using AiGov.IntegrationTests.Infrastructure;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace AiGov.IntegrationTests.Watcher.Rig;

/// <summary>One message the watcher published, as it reached the broker.</summary>
public sealed record CapturedMessage(string Kind, Guid DocumentId, string FileName, string? Reason, string? ContentSha256, int ContentLength);

/// <summary>Every <c>DocumentArrived</c> and <c>DocumentRejected</c> published in a virtual host, kept in order: a queue
/// of our own bound to both message-type exchanges, declared before the watcher starts so nothing it publishes is
/// unrouted. Counting by document id is what "exactly once" means at the message level.</summary>
public sealed class CapturedMessages : IAsyncDisposable
{
    private const string QueueName = "watcher-test-capture";

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly ConcurrentQueue<CapturedMessage> _messages = new();

    private CapturedMessages(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public IReadOnlyList<CapturedMessage> All => _messages.ToList();

    public static async Task<CapturedMessages> StartAsync(RabbitEndpoint rabbit, string virtualHost)
    {
        var factory = new ConnectionFactory
        {
            HostName = rabbit.Host,
            Port = rabbit.AmqpPort,
            VirtualHost = virtualHost,
            UserName = rabbit.Username,
            Password = rabbit.Password,
        };
        var connection = await factory.CreateConnectionAsync("watcher-test-capture");
        var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(QueueName, durable: true, exclusive: false, autoDelete: false);
        foreach (var type in new[] { typeof(DocumentArrived), typeof(DocumentRejected) })
        {
            // The same declaration MassTransit makes for a message type, so its own declaration agrees with ours.
            var exchange = ThrowawayVirtualHost.ExchangeName(type.FullName!);
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueBindAsync(QueueName, exchange, routingKey: string.Empty);
        }
        var captured = new CapturedMessages(connection, channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            captured._messages.Enqueue(Parse(delivery.Body.Span));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(QueueName, autoAck: true, consumer);
        return captured;
    }

    /// <summary>Waits until <paramref name="done"/> holds for what has arrived so far.</summary>
    public async Task<IReadOnlyList<CapturedMessage>> WaitUntilAsync(Func<IReadOnlyList<CapturedMessage>, bool> done, TimeSpan timeout, Func<string> explain)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var all = All;
            if (done(all))
            {
                return all;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"After {timeout.TotalSeconds:0} s, {all.Count} message(s) captured; {explain()}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until every named file has at least one message.</summary>
    public Task<IReadOnlyList<CapturedMessage>> WaitForFilesAsync(IReadOnlyCollection<string> fileNames, TimeSpan timeout, Func<string> explain)
    {
        var wanted = fileNames.ToHashSet(StringComparer.Ordinal);
        return WaitUntilAsync(all => wanted.IsSubsetOf(all.Select(m => m.FileName)), timeout,
            () => $"still without a message: {string.Join(", ", wanted.Except(All.Select(m => m.FileName)).Take(10))}…\n{explain()}");
    }

    private static CapturedMessage Parse(ReadOnlySpan<byte> body)
    {
        using var envelope = JsonDocument.Parse(body.ToArray());
        var root = envelope.RootElement;
        var type = root.GetProperty("messageType")[0].GetString()!;
        var kind = type[(type.LastIndexOf(':') + 1)..];
        var message = root.GetProperty("message");
        var documentId = message.GetProperty("documentId").GetGuid();
        var fileName = message.GetProperty("source").GetProperty("fileName").GetString()!;
        string? reason = message.TryGetProperty("reason", out var r) ? r.GetString() : null;
        if (message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
        {
            var bytes = content.GetBytesFromBase64();
            return new CapturedMessage(kind, documentId, fileName, reason, Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length);
        }
        return new CapturedMessage(kind, documentId, fileName, reason, null, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.CloseAsync();
        await _connection.CloseAsync();
        _channel.Dispose();
        _connection.Dispose();
    }
}
