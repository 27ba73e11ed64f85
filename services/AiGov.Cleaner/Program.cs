using AiGov.Contracts;
using AiGov.Cleaner;
using AiGov.Infrastructure.Hosting;
using AiGov.Infrastructure.Messaging;

var builder = ServiceDefaults.CreateServiceBuilder(args);
builder.AddPipelineBus(bus => bus.AddStageConsumer<CleanDocumentConsumer>(QueueNames.Cleaning));

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
