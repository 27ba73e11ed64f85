using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace AiGov.Cli;

/// <summary>A message waiting in an error queue: MassTransit's message id and, for pipeline messages, the document.</summary>
public sealed record ErrorMessage(string? MessageId, string? DocumentId);

/// <summary>Moves messages from a MassTransit <c>X_error</c> queue back to the endpoint <c>X</c>, over AMQP. MassTransit
/// binds a fanout exchange named like each queue to it, so publishing to exchange <c>X</c> delivers to queue <c>X</c>.</summary>
public sealed class ErrorQueueReplayer : IAsyncDisposable
{
    private readonly IConnection _connection;

    private ErrorQueueReplayer(IConnection connection) => _connection = connection;

    /// <exception cref="BrokerUnreachableException">No connection (broker down, bad login or unknown virtual host).</exception>
    public static async Task<ErrorQueueReplayer> ConnectAsync(CliSettings settings, CancellationToken ct)
    {
        var factory = new ConnectionFactory
        {
            HostName = settings.RabbitHost,
            Port = settings.AmqpPort,
            UserName = settings.RabbitUser,
            Password = settings.RabbitPassword,
            VirtualHost = settings.VirtualHost,
            ClientProvidedName = "aigov replay",
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            AutomaticRecoveryEnabled = false,
        };
        return new ErrorQueueReplayer(await factory.CreateConnectionAsync(ct));
    }

    /// <summary>How many messages wait in <c>queue_error</c>; null unless the queue, its exchange and its error queue exist.</summary>
    public async Task<uint?> WaitingAsync(string queue, CancellationToken ct)
    {
        if (!await ExistsAsync(c => c.QueueDeclarePassiveAsync(queue, ct), ct) || !await ExistsAsync(c => c.ExchangeDeclarePassiveAsync(queue, ct), ct))
        {
            return null;
        }
        uint? count = null;
        await ExistsAsync(async c => count = (await c.QueueDeclarePassiveAsync(ErrorQueue(queue), ct)).MessageCount, ct);
        return count;
    }

    /// <summary>Lists up to <paramref name="limit"/> messages and leaves them where they are.</summary>
    public async Task<List<ErrorMessage>> PeekAsync(string queue, int limit, CancellationToken ct)
    {
        await using var channel = await _connection.CreateChannelAsync(cancellationToken: ct);
        var messages = new List<ErrorMessage>();
        ulong lastTag = 0;
        while (messages.Count < limit && await channel.BasicGetAsync(ErrorQueue(queue), autoAck: false, ct) is { } got)
        {
            messages.Add(Describe(got));
            lastTag = got.DeliveryTag;
        }
        if (lastTag > 0)
        {
            await channel.BasicNackAsync(lastTag, multiple: true, requeue: true, ct);
        }
        return messages;
    }

    /// <summary>Moves up to <paramref name="limit"/> messages, one at a time: republish, wait for the broker's
    /// confirm, then acknowledge the original. At least once: a crash between the two leaves a copy in the error queue.</summary>
    public async Task<int> MoveAsync(string queue, int limit, Action<ErrorMessage> moved, CancellationToken ct)
    {
        await using var channel = await _connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        var count = 0;
        while (count < limit && await channel.BasicGetAsync(ErrorQueue(queue), autoAck: false, ct) is { } got)
        {
            var properties = new BasicProperties(got.BasicProperties) { Headers = FaultHeaders.Without(got.BasicProperties.Headers) };
            // With confirmation tracking this returns once the broker confirmed; a nack, or a return because nothing is
            // bound to the exchange (mandatory), throws and the unacknowledged original goes back to the error queue.
            await channel.BasicPublishAsync(queue, "", mandatory: true, properties, got.Body, ct);
            await channel.BasicAckAsync(got.DeliveryTag, multiple: false, ct);
            count++;
            moved(Describe(got));
        }
        return count;
    }

    public static string ErrorQueue(string queue) => queue + "_error";

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    /// <summary>A passive declare fails with 404 and closes its channel when the object is missing: one channel per check.</summary>
    private async Task<bool> ExistsAsync(Func<IChannel, Task> declare, CancellationToken ct)
    {
        await using var channel = await _connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            await declare(channel);
            return true;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return false;
        }
    }

    /// <summary>The ids from the properties, else from MassTransit's JSON envelope (messageId, message.documentId).</summary>
    private static ErrorMessage Describe(BasicGetResult got)
    {
        var messageId = got.BasicProperties.MessageId;
        string? documentId = null;
        try
        {
            using var json = JsonDocument.Parse(got.Body);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                messageId ??= root.TryGetProperty("messageId", out var id) ? id.ToString() : null;
                documentId = root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
                    && message.TryGetProperty("documentId", out var document) ? document.ToString() : null;
            }
        }
        catch (JsonException)
        {
            // Not a JSON envelope: listed by its message id alone.
        }
        return new ErrorMessage(messageId, documentId);
    }
}
