using AiGov.Contracts;
using AiGov.Deduplicator;
using AiGov.Infrastructure.Hosting;
using AiGov.Infrastructure.Messaging;
using AiGov.Infrastructure.Persistence;
using MassTransit;

var builder = ServiceDefaults.CreateServiceBuilder(args);
builder.AddPipelineDatabase();
builder.Services.AddOptions<DeduplicationOptions>()
    .BindConfiguration(DeduplicationOptions.SectionName)
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddSingleton<IDuplicateJudge, SimilarityJudge>();
builder.Services.AddSingleton<NearDuplicateIndex>();
builder.AddStartupWarmUp(DeduplicatorWarmUp.RunAsync);
var options = builder.Configuration.GetSection(DeduplicationOptions.SectionName).Get<DeduplicationOptions>() ?? new DeduplicationOptions();
// Documents in batches: one index transaction (two round trips) per batch instead of per document. BatchOptions
// also raises the endpoint's prefetch and concurrency to BatchSize x ConcurrentBatches.
builder.AddPipelineBus(bus => bus.AddConsumer<DeduplicateDocumentBatchConsumer>((context, consumer) =>
{
    consumer.Options<BatchOptions>(batch => batch
        .SetMessageLimit(options.BatchSize)
        .SetTimeLimit(TimeSpan.FromMilliseconds(options.BatchMilliseconds))
        .SetConcurrencyLimit(options.ConcurrentBatches));
    consumer.UseStageDefaults(context);
}).Endpoint(endpoint => endpoint.Name = QueueNames.Deduplication));

var app = builder.Build();
await app.RunServiceAsync();
