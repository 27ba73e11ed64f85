using AiGov.Contracts;
using AiGov.Infrastructure.Hosting;
using AiGov.Infrastructure.Messaging;
using AiGov.LanguageDetector;

var builder = ServiceDefaults.CreateServiceBuilder(args);
builder.Services.AddSingleton<ScriptModels>();
builder.Services.AddSingleton<LanguageIdentifier>();
builder.Services.AddHostedService<LanguageModelWarmUp>();
builder.AddPipelineBus(bus => bus.AddStageConsumer<DetectLanguageConsumer>(QueueNames.LanguageDetection));

var app = builder.Build();
await app.RunServiceAsync();
