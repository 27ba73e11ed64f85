using AiGov.Cleaner;
using AiGov.Contracts;
using AiGov.Infrastructure.Hosting;
using AiGov.Infrastructure.Messaging;
using AiGov.Text.Pdf;

if (args is [ChildProcessPdfReader.ChildArgument])
{
    return ChildProcessPdfReader.RunChild(Console.OpenStandardInput(), Console.OpenStandardOutput());
}

var builder = ServiceDefaults.CreateServiceBuilder(args);
builder.AddStageTimeLimit();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<SitePhraseFile>();
builder.Services.AddSingleton<IPdfReader, ChildProcessPdfReader>();
builder.AddStartupWarmUp(CleanerWarmUp.RunAsync);
builder.AddPipelineBus(bus => bus.AddStageConsumer<CleanDocumentConsumer>(QueueNames.Cleaning));

var app = builder.Build();
await app.RunServiceAsync();
return 0;
