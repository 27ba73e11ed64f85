using AiGov.Contracts;
using AiGov.Infrastructure.Hosting;
using AiGov.Infrastructure.Messaging;
using AiGov.LanguageDetector;

if (LanguageModelGenerator.TryRun(args, out var exitCode))
{
    return exitCode;
}

var builder = ServiceDefaults.CreateServiceBuilder(args);
builder.AddStageTimeLimit();
builder.Services.AddSingleton(services => new ScriptModels(new NgramModelCache(
    builder.Configuration["LanguageModels:CacheDirectory"] is { Length: > 0 } directory ? directory : NgramModelCache.DefaultDirectory,
    services.GetRequiredService<ILogger<NgramModelCache>>())));
builder.Services.AddSingleton<LanguageIdentifier>();
builder.Services.AddHostedService<LanguageModelWarmUp>();
builder.AddStartupWarmUp(LanguageDetectorWarmUp.RunAsync);
builder.Services.AddHealthChecks().AddCheck<LanguageModelsHealthCheck>("language-models", tags: ["ready"]);
builder.AddPipelineBus(bus => bus.AddStageConsumer<DetectLanguageConsumer>(QueueNames.LanguageDetection));

var app = builder.Build();
// Reading the tables overlaps with waiting for the broker; readiness waits for both.
_ = app.Services.GetRequiredService<ScriptModels>().StartLoading();
await app.RunServiceAsync();
return 0;
