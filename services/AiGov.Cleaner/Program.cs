using AiGov.Contracts;
using AiGov.Cleaner;
using AiGov.Infrastructure.Hosting;
using AiGov.Infrastructure.Messaging;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults();
builder.AddPipelineBus(bus => bus.AddStageConsumer<CleanDocumentConsumer>(QueueNames.Cleaning));

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
