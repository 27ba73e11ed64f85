using AiGov.Infrastructure.Hosting;
using AiGov.Infrastructure.Messaging;
using AiGov.Watcher;

var builder = ServiceDefaults.CreateServiceBuilder(args);
builder.Services.AddOptions<PipelineOptions>()
    .BindConfiguration(PipelineOptions.SectionName)
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<InboxLayout>();
builder.Services.AddSingleton<IOpenFileWriters, ProcOpenFileWriters>();
builder.Services.AddSingleton<FileAdmitter>();
builder.Services.AddSingleton<FileIngestor>();
builder.Services.AddSingleton<UnmovableFiles>();
builder.AddPipelineBus();
// After the bus, so files are read only once the broker is reachable.
builder.Services.AddHostedService<InboxWatcherService>();

var app = builder.Build();
await app.RunServiceAsync();
