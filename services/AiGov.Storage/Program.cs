using AiGov.Contracts;
using AiGov.Infrastructure.Hosting;
using AiGov.Infrastructure.Messaging;
using AiGov.Infrastructure.Persistence;
using AiGov.Storage;
using MassTransit;

var builder = ServiceDefaults.CreateServiceBuilder(args);
builder.AddPipelineDatabase();
builder.Services.AddSingleton<DocumentStore>();
builder.Services.AddOptions<StorageOptions>()
    .BindConfiguration(StorageOptions.SectionName)
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.AddStartupWarmUp(StorageWarmUp.RunAsync);
var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
builder.AddPipelineBus(bus =>
{
    // Finished documents in batches: one transaction per batch (BatchOptions also raises the endpoint's prefetch
    // and concurrency to BatchSize x ConcurrentBatches). Rejections and failures are rare: one at a time.
    bus.AddConsumer<StoreDocumentBatchConsumer>((context, consumer) =>
    {
        consumer.Options<BatchOptions>(batch => batch
            .SetMessageLimit(storage.BatchSize)
            .SetTimeLimit(TimeSpan.FromMilliseconds(storage.BatchMilliseconds))
            .SetConcurrencyLimit(storage.ConcurrentBatches));
        consumer.UseStageDefaults(context);
    }).Endpoint(endpoint => endpoint.Name = QueueNames.Storage);
    bus.AddStageConsumer<RecordRejectionConsumer>(QueueNames.Storage);
    bus.AddStageConsumer<RecordFailureConsumer>(QueueNames.Storage);
});

var app = builder.Build();
await app.RunServiceAsync();
