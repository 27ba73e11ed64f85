using AiGov.Contracts;
using AiGov.Infrastructure.Hosting;
using AiGov.Infrastructure.Messaging;
using AiGov.Infrastructure.Persistence;
using AiGov.Storage;

var builder = ServiceDefaults.CreateServiceBuilder(args);
builder.AddPipelineDatabase();
builder.Services.AddSingleton<DocumentStore>();
builder.AddPipelineBus(bus =>
{
    bus.AddStageConsumer<StoreDocumentConsumer>(QueueNames.Storage);
    bus.AddStageConsumer<RecordRejectionConsumer>(QueueNames.Storage);
    bus.AddStageConsumer<RecordFailureConsumer>(QueueNames.Storage);
});

var app = builder.Build();
await app.RunServiceAsync();
