using AiGov.Infrastructure.Resilience;
using AiGov.Infrastructure.Telemetry;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AiGov.Infrastructure.Messaging;

public static class BusRegistration
{
    /// <summary>MassTransit on RabbitMQ with kebab-case names, publisher confirms and the consumers the caller adds.
    /// Consumers bind to their stage queue through their definitions; <c>ConfigureEndpoints</c> comes last.</summary>
    public static IHostApplicationBuilder AddPipelineBus(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? addConsumers = null)
    {
        builder.Services.AddOptions<RabbitMqOptions>()
            .BindConfiguration(RabbitMqOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IDependencyProbe, RabbitMqProbe>();

        // When the connection drops mid-message, the endpoint restarts only after its in-flight consumers end; one
        // stuck on the dead channel would leave the queue without a consumer for good (MassTransit #2072, #5692).
        // Waiting consumers are cancelled after this long instead, and their messages are redelivered.
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(options =>
        {
            options.StopTimeout = TimeSpan.FromSeconds(30);
            options.ConsumerStopTimeout = TimeSpan.FromSeconds(10);
        });

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            // MassTransit 8.4+ reports anonymous usage to an outside host by default: nothing leaves this machine.
            bus.ConfigureUsageTelemetryOptions(options => options.Enabled = false);
            addConsumers?.Invoke(bus);

            bus.UsingRabbitMq((context, cfg) =>
            {
                var options = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
                cfg.Host(options.Host, (ushort)options.Port, options.VirtualHost, host =>
                {
                    host.Username(options.Username);
                    host.Password(options.Password);
                    host.PublisherConfirmation = true;
                });
                cfg.PrefetchCount = options.PrefetchCount;
                cfg.UseConsumeFilter(typeof(StageMetricsFilter<>), context);
                cfg.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}
