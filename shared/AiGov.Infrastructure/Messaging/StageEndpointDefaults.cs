using MassTransit;

namespace AiGov.Infrastructure.Messaging;

public static class StageEndpointDefaults
{
    /// <summary>Registers a consumer on its stage queue (several consumers may share one queue, as on
    /// <c>storage</c>) with the retry and outbox every stage uses.</summary>
    public static void AddStageConsumer<TConsumer>(this IBusRegistrationConfigurator bus, string queueName)
        where TConsumer : class, IConsumer =>
        bus.AddConsumer<TConsumer>((context, consumer) => consumer.UseStageDefaults(context))
            .Endpoint(endpoint => endpoint.Name = queueName);

    /// <summary>Applied per consumer, not per endpoint: on a queue with several consumers endpoint-level filters
    /// would stack. Retries are few and quick: a transient broker or database hiccup is covered, while a poison
    /// message reaches its <c>_error</c> queue within seconds and becomes a <c>failed</c> row through its
    /// <c>Fault&lt;T&gt;</c>.</summary>
    public static void UseStageDefaults<TConsumer>(this IConsumerConfigurator<TConsumer> consumer, IRegistrationContext context)
        where TConsumer : class
    {
        consumer.UseMessageRetry(retry =>
        {
            retry.Intervals(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
            // Bad input does not get better by retrying.
            retry.Ignore<FormatException>();
            retry.Ignore<ArgumentException>();
            retry.Ignore<NotSupportedException>();
        });
        // Publishes leave only when the consumer completes, so a retried consumer never emits an event twice.
        consumer.UseInMemoryOutbox(context);
    }
}
