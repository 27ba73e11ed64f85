using AiGov.Contracts;
using AiGov.Deduplicator;
using AiGov.Infrastructure.Hosting;
using AiGov.Infrastructure.Messaging;
using AiGov.Infrastructure.Persistence;

var builder = ServiceDefaults.CreateServiceBuilder(args);
builder.AddPipelineDatabase();
builder.Services.AddSingleton<ExactDuplicateIndex>();
builder.AddPipelineBus(bus => bus.AddStageConsumer<DeduplicateDocumentConsumer>(QueueNames.Deduplication));

var app = builder.Build();
await app.RunServiceAsync();
