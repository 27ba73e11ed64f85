using MassTransit;
using Microsoft.Extensions.Logging;

namespace AiGov.Infrastructure.Messaging;

/// <summary>A message that came back <see cref="DeliveryLimit.MaxDeliveriesWithoutOutcome"/> times without an outcome:
/// each time the process working on it died (out of memory, a stack overflow, a kill). Not retried: it becomes a
/// <c>failed</c> row with this message as its reason.</summary>
public sealed class PoisonMessageException(int deliveries)
    : Exception($"poison: the message was delivered {deliveries} times and each time the process working on it ended without an outcome " +
                "(out of memory, a crash or a kill); it is not delivered again. Look for the crash in the stage's log, fix it, then replay the message from the stage's _error queue")
{
    public int Deliveries { get; } = deliveries;
}

/// <summary>What to do with a delivered message, from RabbitMQ's redelivered flag and the count the message carries.</summary>
public static class DeliveryLimit
{
    /// <summary>Header of a message put back on its queue by <see cref="DeliveryLimitFilter{T}"/>: how many of its
    /// deliveries ended without an outcome.</summary>
    public const string HeaderName = "AiGov-Deliveries-Without-Outcome";

    /// <summary>Deliveries without an outcome after which a message is poison. Above what a restart of every service and
    /// of the broker can cause a message that is fine (one each, as the fault suite does).</summary>
    public const int MaxDeliveriesWithoutOutcome = 3;

    /// <summary>The count a message carries in <see cref="HeaderName"/>, however the broker typed it (0 when none).</summary>
    public static int CarriedCount(object? header) => header switch
    {
        int count => count,
        long count => (int)Math.Min(count, int.MaxValue),
        string text when int.TryParse(text, out var count) => count,
        byte[] text when int.TryParse(text, out var count) => count,
        _ => 0,
    };

    /// <summary>The decision for one delivery, and the count it makes.</summary>
    public static (DeliveryDecision Decision, int WithoutOutcome) Decide(bool redelivered, int carried)
    {
        if (!redelivered)
        {
            return (DeliveryDecision.Work, carried);
        }
        var withoutOutcome = carried + 1;
        return withoutOutcome >= MaxDeliveriesWithoutOutcome
            ? (DeliveryDecision.Poison, withoutOutcome)
            : (DeliveryDecision.PutBackCounted, withoutOutcome);
    }
}

public enum DeliveryDecision
{
    /// <summary>A first delivery (of the message or of a counted copy): work on it.</summary>
    Work,

    /// <summary>A redelivery under the limit: a copy carrying the count goes back to the queue, this delivery ends.</summary>
    PutBackCounted,

    /// <summary>The limit is reached: the message faults as poison.</summary>
    Poison,
}

/// <summary>
/// Ends poison messages. RabbitMQ marks a message redelivered when a consumer got it before and gave no answer: its
/// process died or its channel closed. The count of such deliveries is kept outside the process, in the message: a
/// redelivered message is sent back to its queue as a copy carrying the count (<see cref="DeliveryLimit.HeaderName"/>)
/// and acknowledged, so the next replica that gets the copy sees it as a first delivery and works on it; once the count
/// reaches <see cref="DeliveryLimit.MaxDeliveriesWithoutOutcome"/> the message faults with
/// <see cref="PoisonMessageException"/> instead (its <c>Fault&lt;T&gt;</c> makes the <c>failed</c> row; the message
/// waits in the <c>_error</c> queue). A message delivered once costs nothing here. Works on classic and quorum queues.
/// </summary>
public sealed class DeliveryLimitFilter<T>(ILogger<DeliveryLimitFilter<T>> logger) : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        // In the envelope when the filter put the message back; an AMQP header when someone else counted it.
        var carried = DeliveryLimit.CarriedCount(context.Headers.Get<object>(DeliveryLimit.HeaderName)
            ?? context.ReceiveContext.TransportHeaders.Get<object>(DeliveryLimit.HeaderName));
        var (decision, withoutOutcome) = DeliveryLimit.Decide(context.ReceiveContext.Redelivered, carried);
        switch (decision)
        {
            case DeliveryDecision.Work:
                await next.Send(context);
                return;
            case DeliveryDecision.PutBackCounted:
                var queue = await context.GetSendEndpoint(context.ReceiveContext.InputAddress!);
                await queue.Send(context.Message, send =>
                {
                    foreach (var (key, value) in context.Headers.GetAll())
                    {
                        send.Headers.Set(key, value);
                    }
                    send.Headers.Set(DeliveryLimit.HeaderName, withoutOutcome);
                    send.MessageId = context.MessageId;
                    send.CorrelationId = context.CorrelationId;
                    send.ConversationId = context.ConversationId;
                    send.InitiatorId = context.InitiatorId;
                    send.SourceAddress = context.SourceAddress;
                }, context.CancellationToken);
                logger.LogWarning("Message {MessageId} ({MessageType}) came back without an outcome ({Count} of {Limit} such deliveries): put back on {Queue} with its count",
                    context.MessageId, typeof(T).Name, withoutOutcome, DeliveryLimit.MaxDeliveriesWithoutOutcome, context.ReceiveContext.InputAddress);
                return;
            default:
                var poison = new PoisonMessageException(withoutOutcome);
                logger.LogError("Message {MessageId} ({MessageType}) is poison: {Reason}", context.MessageId, typeof(T).Name, poison.Message);
                // The Fault<T> that a consumer's failure would publish (the failed row), then the _error queue.
                await context.NotifyFaulted(context, TimeSpan.Zero, nameof(DeliveryLimitFilter<T>), poison);
                throw poison;
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("aigov-delivery-limit");
}
