using AiGov.Contracts;
using AiGov.Deduplicator;
using AiGov.Infrastructure.Hosting;
using AiGov.Infrastructure.Messaging;
using AiGov.Infrastructure.Persistence;

var builder = ServiceDefaults.CreateServiceBuilder(args);
builder.AddPipelineDatabase();
builder.Services.AddOptions<DeduplicationOptions>()
    .BindConfiguration(DeduplicationOptions.SectionName)
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddSingleton<IDuplicateJudge, SimilarityJudge>();
builder.Services.AddSingleton<NearDuplicateIndex>();
builder.AddStartupWarmUp(DeduplicatorWarmUp.RunAsync);
// Documents in batches: one index transaction (two round trips) per batch instead of per document.
builder.AddPipelineBus(bus => bus.AddStageBatchConsumer<DeduplicateDocumentBatchConsumer, DeduplicationOptions>(QueueNames.Deduplication));

var app = builder.Build();
await app.RunServiceAsync();
