using System.Text.RegularExpressions;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiGov.Infrastructure.Messaging;

/// <summary>How a stage gathers messages into one <c>Batch&lt;T&gt;</c> (bound from its configuration section).</summary>
public interface IStageBatchOptions
{
    /// <summary>Messages in one batch at most.</summary>
    int BatchSize { get; }

    /// <summary>How long a batch waits for more messages after its first one before it is handled anyway.</summary>
    int BatchMilliseconds { get; }

    /// <summary>Batches handled at the same time.</summary>
    int ConcurrentBatches { get; }
}

public static class StageEndpointDefaults
{
    /// <summary>Registers a <c>Batch&lt;T&gt;</c> consumer on its stage queue with the stage defaults, batched as
    /// <typeparamref name="TOptions"/> says (MassTransit's BatchOptions also raise the endpoint's prefetch and
    /// concurrency to size × concurrent batches).</summary>
    public static void AddStageBatchConsumer<TConsumer, TOptions>(this IBusRegistrationConfigurator bus, string queueName)
        where TConsumer : class, IConsumer
        where TOptions : class, IStageBatchOptions =>
        bus.AddConsumer<TConsumer>((context, consumer) =>
        {
            var options = context.GetRequiredService<IOptions<TOptions>>().Value;
            consumer.Options<BatchOptions>(batch => batch
                .SetMessageLimit(options.BatchSize)
                .SetTimeLimit(TimeSpan.FromMilliseconds(options.BatchMilliseconds))
                .SetConcurrencyLimit(options.ConcurrentBatches));
            consumer.UseStageDefaults(context);
        }).Endpoint(endpoint => endpoint.Name = queueName);

    /// <summary>Registers a consumer on its stage queue (several consumers may share one queue, as on
    /// <c>storage</c>) with the retry and outbox every stage uses.</summary>
    public static void AddStageConsumer<TConsumer>(this IBusRegistrationConfigurator bus, string queueName)
        where TConsumer : class, IConsumer =>
        bus.AddConsumer<TConsumer>((context, consumer) => consumer.UseStageDefaults(context))
            .Endpoint(endpoint => endpoint.Name = queueName);

    /// <summary>Applied per consumer, not per endpoint: on a queue with several consumers endpoint-level filters
    /// would stack. Two policies for two kinds of error, never both for the same exception:
    /// <list type="bullet">
    /// <item>an unreachable database or broker is waited out (exponential, up to about 90 s in all), so a restart of
    /// PostgreSQL or RabbitMQ loses nothing;</item>
    /// <item>any other error gets two quick retries, then the message goes to <c>&lt;queue&gt;_error</c> and its
    /// <c>Fault&lt;T&gt;</c> becomes a <c>failed</c> row; bad input (FormatException, ArgumentException,
    /// NotSupportedException), a document over the stage's time limit (<see cref="StageTimeoutException"/>) and a pattern
    /// that ran out of time on it (<see cref="RegexMatchTimeoutException"/>) are not retried at all.</item>
    /// </list></summary>
    public static void UseStageDefaults<TConsumer>(this IConsumerConfigurator<TConsumer> consumer, IRegistrationContext context)
        where TConsumer : class
    {
        consumer.UseMessageRetry(retry =>
        {
            retry.Exponential(12, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(500));
            retry.Handle<Exception>(TransientFailures.IsTransient);
        });
        consumer.UseMessageRetry(retry =>
        {
            retry.Intervals(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));
            retry.Ignore<FormatException>();
            retry.Ignore<ArgumentException>();
            retry.Ignore<NotSupportedException>();
            retry.Ignore<StageTimeoutException>();
            retry.Ignore<RegexMatchTimeoutException>();
            retry.Ignore<Exception>(TransientFailures.IsTransient);
        });
        // Publishes leave only when the consumer completes, so a retried consumer never emits an event twice.
        consumer.UseInMemoryOutbox(context);
    }
}
