using System.Net.Sockets;
using MassTransit;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiGov.Infrastructure.Messaging;

/// <summary>A message whose process died every time it was worked on. Not retried: it becomes a <c>failed</c> row with
/// this message as its reason, and waits in the stage's <c>_error</c> queue.</summary>
public sealed class PoisonMessageException(int deliveries)
    : Exception($"poison: the message was delivered {deliveries} times and each time the process working on it ended without an outcome " +
                $"(the last {deliveries - 1} times it was the only message in work: out of memory, a crash or a kill); it is not delivered again. " +
                "Look for the crash in the stage's log, fix it, then replay the message from the stage's _error queue")
{
    public int Deliveries { get; } = deliveries;
}

/// <summary>When a redelivered message is poison.</summary>
public static class DeliveryLimit
{
    /// <summary>Deliveries without an outcome after which a message is poison: its first delivery (perhaps only
    /// waiting in the process that died) and two more that it was worked on alone. A restart of every service and of
    /// the broker costs a message that is fine one delivery at most.</summary>
    public const int MaxDeliveriesWithoutOutcome = 3;

    /// <summary>Whether a redelivered message is poison, from how many times it was already worked on alone and the
    /// process died.</summary>
    public static bool IsPoison(int earlierAloneDeliveries) => 1 + earlierAloneDeliveries >= MaxDeliveriesWithoutOutcome;
}

/// <summary>
/// Ends poison messages: a message that kills the process working on it (out of memory, a stack overflow, a kill) would
/// otherwise be redelivered to the next replica for ever. RabbitMQ marks a message redelivered when a consumer got it
/// before and gave no answer; such a message is a suspect. A suspect is worked on alone (<see cref="SuspectGate"/>), and
/// each such start is counted outside the process (<see cref="DeliveryLedger"/>) and forgotten when the work ends; a
/// count still there when the suspect comes back again means its process died while it was the only message in work.
/// At <see cref="DeliveryLimit.MaxDeliveriesWithoutOutcome"/> the message faults with <see cref="PoisonMessageException"/>
/// without being worked on: its <c>Fault&lt;T&gt;</c> makes the <c>failed</c> row. Innocent messages that were only
/// waiting in the process that died are worked on once more, alone, and go on. Without a PostgreSQL connection string,
/// or while PostgreSQL is away, suspects are worked on as before (logged), never lost.
/// </summary>
public sealed class DeliveryLimitFilter<T>(SuspectGate gate, DeliveryLedger ledger, ILogger<DeliveryLimitFilter<T>> logger) : IFilter<ConsumeContext<T>>
    where T : class
{
    // A batch is made of messages that each passed this filter on their own.
    private static readonly bool s_isBatch = typeof(T).IsGenericType && typeof(T).GetGenericTypeDefinition() == typeof(Batch<>);

    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (s_isBatch)
        {
            await next.Send(context);
            return;
        }
        if (!context.ReceiveContext.Redelivered || !ledger.IsEnabled || context.MessageId is not { } messageId)
        {
            using (await gate.EnterAsync(context.CancellationToken))
            {
                await next.Send(context);
            }
            return;
        }

        using var alone = await gate.EnterAloneAsync(context.CancellationToken);
        var queue = ReceiveQueue.NameOf(context.ReceiveContext);
        int earlier;
        try
        {
            earlier = await ledger.StartAloneAsync(queue, messageId, context.CancellationToken);
        }
        catch (Exception e) when (IsLedgerFailure(e, context.CancellationToken))
        {
            logger.LogWarning(e, "Message {MessageId} ({MessageType}) came back on {Queue} without an outcome; its deliveries cannot be counted now ({Error}), so it is worked on without a poison check",
                messageId, typeof(T).Name, queue, e.Message);
            await next.Send(context);
            return;
        }

        try
        {
            if (DeliveryLimit.IsPoison(earlier))
            {
                var poison = new PoisonMessageException(1 + earlier);
                logger.LogError("Message {MessageId} ({MessageType}) on {Queue} is poison: {Reason}", messageId, typeof(T).Name, queue, poison.Message);
                // A filter's exception outside the consumer reaches only the receive pipe: the Fault<T> (the failed row)
                // is published here, then the exception sends the message to _error.
                await context.NotifyFaulted(context, TimeSpan.Zero, nameof(DeliveryLimitFilter<T>), poison);
                throw poison;
            }
            logger.LogWarning("Message {MessageId} ({MessageType}) came back on {Queue} without an outcome ({Count} of {Limit} such deliveries): worked on alone",
                messageId, typeof(T).Name, queue, 1 + earlier, DeliveryLimit.MaxDeliveriesWithoutOutcome);
            await next.Send(context);
        }
        finally
        {
            await ForgetAsync(queue, messageId);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("aigov-delivery-limit");

    private async Task ForgetAsync(string queue, Guid messageId)
    {
        try
        {
            await ledger.ForgetAsync(queue, messageId, CancellationToken.None);
        }
        catch (Exception e) when (IsLedgerFailure(e, CancellationToken.None))
        {
            logger.LogWarning(e, "Message {MessageId} on {Queue} reached an outcome but its count could not be cleared ({Error}); if it is ever redelivered, it counts one death too many",
                messageId, queue, e.Message);
        }
    }

    private static bool IsLedgerFailure(Exception e, CancellationToken consumeToken) =>
        e is NpgsqlException or TimeoutException or SocketException
        || (e is OperationCanceledException && !consumeToken.IsCancellationRequested);
}
