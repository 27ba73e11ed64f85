using AiGov.Cleaner;
using AiGov.Contracts;
using AiGov.Infrastructure.Hosting;
using AiGov.Infrastructure.Messaging;

var builder = ServiceDefaults.CreateServiceBuilder(args);
builder.AddStageTimeLimit();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<SitePhraseFile>();
builder.AddStartupWarmUp(CleanerWarmUp.RunAsync);
builder.AddPipelineBus(bus => bus.AddStageConsumer<CleanDocumentConsumer>(QueueNames.Cleaning));

var app = builder.Build();
await app.RunServiceAsync();
