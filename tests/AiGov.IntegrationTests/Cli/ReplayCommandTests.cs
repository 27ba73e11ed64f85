using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using AiGov.Cli;
using AiGov.Contracts;
using AiGov.IntegrationTests.Infrastructure;
using RabbitMQ.Client;
using Spectre.Console.Testing;
using Xunit;

namespace AiGov.IntegrationTests.Cli;

[Collection(PipelineCollection.Name)]
public sealed class ReplayCommandTests(PipelineFixture pipeline)
{
    private static readonly Dictionary<string, string> s_faultHeaders = new()
    {
        ["MT-Fault-ExceptionType"] = "System.InvalidOperationException",
        ["MT-Fault-Message"] = "the cause, since fixed",
        ["MT-Reason"] = "fault",
        ["MT-Host-MachineName"] = "worker-1",
        ["X-Kept"] = "kept",
    };

    private readonly TestConsole _console = new TestConsole().Width(400);

    [Fact]
    public async Task Replay_SendsMessagesFromDeduplicationErrorBackToDeduplication_WhereAFixedOneIsStored()
    {
        var errorQueue = QueueNames.Deduplication + "_error";
        // A real failure first: MassTransit declares deduplication_error (queue and exchange) when it moves one there.
        var poison = Guid.NewGuid();
        var poisonMessage = LanguageDetected(poison, $"replay/poison-{poison:N}.txt") with { Content = new { title = "", text = "x", contentSha256 = (string?)null, sourceFormat = "plain_text", encoding = "utf-8" } };
        await pipeline.VirtualHost.PublishEnvelopeAsync(typeof(LanguageDetected).FullName!, poisonMessage);
        Assert.Equal("failed", (await pipeline.WaitForRowsAsync([poisonMessage.Source.FileName], TimeSpan.FromSeconds(60)))[poisonMessage.Source.FileName].Status);
        await WaitUntilListedAsync(poison);
        // What a failure leaves once its cause is fixed: a complete message, with the fault headers.
        const string fileName = "replay/fixed.txt";
        var fixedId = Guid.NewGuid();
        await pipeline.VirtualHost.PublishEnvelopeToAsync(errorQueue, typeof(LanguageDetected).FullName!, LanguageDetected(fixedId, fileName), s_faultHeaders);

        var exit = await Replay().RunAsync(QueueNames.Deduplication, max: null, dryRun: false, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Matches(@"replay: moved [2-9]\d* message\(s\) from deduplication_error to deduplication", _console.Output);
        var row = (await pipeline.WaitForRowsAsync([fileName], TimeSpan.FromSeconds(60)))[fileName];
        Assert.Equal(fixedId, row.Id);
        Assert.Equal("stored", row.Status);
        // The unfixed one fails again and is back; the fixed one is gone. Then the queue is left as it was found.
        var listing = await WaitUntilListedAsync(poison);
        Assert.DoesNotContain(fixedId.ToString(), listing);
        await RemoveFromQueueAsync(errorQueue, poison);
    }

    [Fact]
    public async Task DryRun_ListsMessageAndDocumentIds_AndMovesNothing()
    {
        var queue = await ProbeQueuesAsync();
        var documents = new[] { Guid.NewGuid(), Guid.NewGuid() };
        foreach (var document in documents)
        {
            await PublishToErrorAsync(queue, document);
        }

        var exit = await Replay().RunAsync(queue, max: null, dryRun: true, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.All(documents, d => Assert.Contains(d.ToString(), _console.Output));
        Assert.Contains($"would move 2 message(s) from {queue}_error to {queue}", _console.Output);
        Assert.Equal((0u, 2u), await CountsAsync(queue));
    }

    [Fact]
    public async Task Replay_KeepsIdAndHeaders_DropsFaultHeaders_AndStopsAtMax()
    {
        var queue = await ProbeQueuesAsync();
        var first = Guid.NewGuid();
        var firstMessageId = await PublishToErrorAsync(queue, first);
        await PublishToErrorAsync(queue, Guid.NewGuid());

        var exit = await Replay().RunAsync(queue + "_error", max: 1, dryRun: false, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Contains($"replay: moved 1 message(s) from {queue}_error to {queue}", _console.Output);
        Assert.Equal((1u, 1u), await CountsAsync(queue));
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        var moved = await channel.BasicGetAsync(queue, autoAck: true);
        Assert.NotNull(moved);
        var body = Encoding.UTF8.GetString(moved.Body.Span);
        Assert.Contains(first.ToString(), body);
        Assert.Contains(firstMessageId.ToString(), body);
        Assert.Equal("application/vnd.masstransit+json", moved.BasicProperties.ContentType);
        var headers = moved.BasicProperties.Headers!.Keys;
        Assert.Contains("X-Kept", headers);
        Assert.DoesNotContain(headers, FaultHeaders.IsFaultHeader);
    }

    [Fact]
    public async Task Replay_OfAnUnknownQueue_SaysWhichQueuesHaveErrors()
    {
        var exit = await Replay().RunAsync("no-such-stage", max: null, dryRun: false, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains($"no queue 'no-such-stage_error'", _console.Output);
        Assert.Contains($"in virtual host '{pipeline.VirtualHost.Name}'", _console.Output);
        Assert.Contains("queues with errors: ", _console.Output);
    }

    [Fact]
    public async Task Replay_SaysThatRabbitMqIsUnreachable_AndHowToStartIt()
    {
        var settings = Settings() with { AmqpPort = FreePort.Next() };

        var exit = await new ReplayCommand(settings, _console).RunAsync(QueueNames.Deduplication, null, false, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains($"cannot reach RabbitMQ at {settings.RabbitHost}:{settings.AmqpPort}", _console.Output);
        Assert.Contains("is scripts/up.sh running?", _console.Output);
    }

    [Fact]
    public async Task Cli_ReplayDryRun_RunsAsAProcess_WithTheServicesSettings()
    {
        var queue = await ProbeQueuesAsync();
        var document = Guid.NewGuid();
        await PublishToErrorAsync(queue, document);
        var dll = Path.Combine(RepositoryPaths.Root, "tools", "AiGov.Cli", "bin", RepositoryPaths.Configuration, "net10.0", "aigov.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "replay", queue, "--dry-run"]) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment["RabbitMq__Host"] = pipeline.Rabbit.Host;
        start.Environment["RabbitMq__Port"] = pipeline.Rabbit.AmqpPort.ToString();
        start.Environment["RabbitMq__Username"] = pipeline.Rabbit.Username;
        start.Environment["RabbitMq__Password"] = pipeline.Rabbit.Password;
        start.Environment["RabbitMq__VirtualHost"] = pipeline.VirtualHost.Name;
        start.Environment["COLUMNS"] = "400";
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, error);
        Assert.Contains(document.ToString(), error);
        Assert.Equal((0u, 1u), await CountsAsync(queue));
    }

    private ReplayCommand Replay() => new(Settings(), _console);

    private CliSettings Settings() => new("", new Uri($"http://{pipeline.Rabbit.Host}:{pipeline.Rabbit.ManagementPort}/api/"),
        pipeline.Rabbit.Username, pipeline.Rabbit.Password, pipeline.VirtualHost.Name, pipeline.Rabbit.Host, pipeline.Rabbit.AmqpPort);

    private Task<IConnection> ConnectAsync() => new ConnectionFactory
    {
        HostName = pipeline.Rabbit.Host,
        Port = pipeline.Rabbit.AmqpPort,
        UserName = pipeline.Rabbit.Username,
        Password = pipeline.Rabbit.Password,
        VirtualHost = pipeline.VirtualHost.Name,
    }.CreateConnectionAsync();

    /// <summary>An endpoint queue and its error queue as MassTransit lays them out, with no consumer: what replay
    /// moves stays observable.</summary>
    private async Task<string> ProbeQueuesAsync()
    {
        var queue = $"replay-probe-{Guid.NewGuid():N}"[..21];
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var name in new[] { queue, queue + "_error" })
        {
            await channel.ExchangeDeclareAsync(name, ExchangeType.Fanout, durable: true);
            await channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false);
            await channel.QueueBindAsync(name, name, "");
        }
        return queue;
    }

    private async Task<Guid> PublishToErrorAsync(string queue, Guid documentId)
    {
        var messageId = Guid.NewGuid();
        await pipeline.VirtualHost.PublishEnvelopeToAsync(queue + "_error", typeof(LanguageDetected).FullName!,
            LanguageDetected(documentId, $"replay/{documentId}.txt"), s_faultHeaders, messageId);
        return messageId;
    }

    private async Task<(uint Queue, uint Error)> CountsAsync(string queue)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        return ((await channel.QueueDeclarePassiveAsync(queue)).MessageCount, (await channel.QueueDeclarePassiveAsync(queue + "_error")).MessageCount);
    }

    private async Task<string> WaitUntilListedAsync(Guid documentId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var listing = new TestConsole().Width(400);
            await new ReplayCommand(Settings(), listing).RunAsync(QueueNames.Deduplication, null, dryRun: true, CancellationToken.None);
            if (listing.Output.Contains(documentId.ToString()) || DateTime.UtcNow > deadline)
            {
                Assert.Contains(documentId.ToString(), listing.Output);
                return listing.Output;
            }
            await Task.Delay(500);
        }
    }

    private async Task RemoveFromQueueAsync(string queue, Guid documentId)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        var others = new List<ulong>();
        while (await channel.BasicGetAsync(queue, autoAck: false) is { } got)
        {
            if (Encoding.UTF8.GetString(got.Body.Span).Contains(documentId.ToString()))
            {
                await channel.BasicAckAsync(got.DeliveryTag, multiple: false);
                break;
            }
            others.Add(got.DeliveryTag);
        }
        foreach (var tag in others)
        {
            await channel.BasicNackAsync(tag, multiple: false, requeue: true);
        }
    }

    private static LanguageDetectedMessage LanguageDetected(Guid documentId, string fileName)
    {
        var text = $"Replay check {documentId:N}: the oversight board published its review of model evaluations and audit duties.";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return new LanguageDetectedMessage(documentId,
            new SourceJson(fileName, hash, text.Length, DateTimeOffset.UtcNow),
            new { title = "Replay check", text, contentSha256 = hash, sourceFormat = "plain_text", encoding = "utf-8" },
            new { code = "en", confidence = 0.99 });
    }

    // Serialised in camelCase by PublishEnvelopeToAsync, like the services' JSON.
    private sealed record LanguageDetectedMessage(Guid DocumentId, SourceJson Source, object Content, object Language);

    private sealed record SourceJson(string FileName, string RawSha256, long SizeBytes, DateTimeOffset ReceivedAt);
}
