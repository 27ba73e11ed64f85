using AiGov.Contracts;
using AiGov.Infrastructure.Hosting;
using AiGov.Infrastructure.Messaging;
using AiGov.Infrastructure.Persistence;
using AiGov.Storage;

var builder = ServiceDefaults.CreateServiceBuilder(args);
builder.AddPipelineDatabase();
builder.Services.AddSingleton<DocumentStore>();
builder.Services.AddOptions<StorageOptions>()
    .BindConfiguration(StorageOptions.SectionName)
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.AddStartupWarmUp(StorageWarmUp.RunAsync);
builder.AddPipelineBus(bus =>
{
    // Finished documents in batches: one transaction per batch. Rejections and failures are rare: one at a time.
    bus.AddStageBatchConsumer<StoreDocumentBatchConsumer, StorageOptions>(QueueNames.Storage);
    bus.AddStageConsumer<RecordRejectionConsumer>(QueueNames.Storage);
    bus.AddStageConsumer<RecordFailureConsumer>(QueueNames.Storage);
});

var app = builder.Build();
await app.RunServiceAsync();
