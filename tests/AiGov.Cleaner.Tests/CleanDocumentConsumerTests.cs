using System.Text;
using AiGov.Cleaner;
using AiGov.Contracts;
using AiGov.Infrastructure.Messaging;
using AiGov.Text.Pdf;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace AiGov.Cleaner.Tests;

/// <summary>The cleaning consumer on MassTransit's in-memory test harness, with the retry policy of every stage.</summary>
public sealed class CleanDocumentConsumerTests
{
    private const string Article = """
        <html><head><title>Council adopts the AI liability rules</title></head><body>
        <nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <article><h1>Council adopts the AI liability rules</h1>
        <p>The council adopted the rules on liability for harm caused by artificial intelligence systems on Monday.</p>
        <p>Victims will be able to ask a court to order the disclosure of evidence about high-risk systems.</p></article>
        <footer>Copyright 2026 Example News. All rights reserved.</footer></body></html>
        """;

    [Fact]
    public async Task Publishes_TheCleanedArticle_WithTheSameDocumentIdAndATrail()
    {
        await using var provider = Harness(timeoutSeconds: 60);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var id = Guid.NewGuid();

        await harness.Bus.Publish(Arrived(id, "news/liability.html", Encoding.UTF8.GetBytes(Article)));

        Assert.True(await harness.Published.Any<DocumentCleaned>(m => m.Context.Message.DocumentId == id));
        var cleaned = harness.Published.Select<DocumentCleaned>().Single().Context.Message;
        Assert.Equal("Council adopts the AI liability rules", cleaned.Content.Title);
        Assert.Contains("disclosure of evidence", cleaned.Content.Text);
        Assert.DoesNotContain("All rights reserved", cleaned.Content.Text);
        Assert.Equal(QueueNames.Cleaning, Assert.Single(cleaned.Trail).Stage);
        Assert.False(await harness.Published.Any<Fault<DocumentArrived>>());
    }

    [Fact]
    public async Task ADocumentOverTheTimeLimit_Faults_AndNamesTheLimit()
    {
        // 1 ms: any real document takes longer. What matters is that the consumer stops waiting at the limit.
        await using var provider = Harness(timeoutSeconds: 0.001);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var id = Guid.NewGuid();
        var huge = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<div><p>Deeply nested policy text about audits.</p>", 100_000)));

        await harness.Bus.Publish(Arrived(id, "news/huge.html", huge));

        Assert.True(await harness.Published.Any<Fault<DocumentArrived>>(m => m.Context.Message.Message.DocumentId == id));
        var fault = harness.Published.Select<Fault<DocumentArrived>>().Single().Context.Message;
        var exception = Assert.Single(fault.Exceptions);
        Assert.Equal(typeof(StageTimeoutException).FullName, exception.ExceptionType);
        Assert.Contains("cleaning gave up on the document after 0.001 s", exception.Message);
        Assert.False(await harness.Published.Any<DocumentCleaned>());
    }

    [Fact]
    public async Task AnUnreadablePdf_Faults_AsUnreadable()
    {
        await using var provider = Harness(timeoutSeconds: 60);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var id = Guid.NewGuid();

        await harness.Bus.Publish(Arrived(id, "policy/broken.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\nno objects, no xref\n%%EOF")));

        Assert.True(await harness.Published.Any<Fault<DocumentArrived>>(m => m.Context.Message.Message.DocumentId == id));
        Assert.Equal("AiGov.Text.UnreadableDocumentException", Assert.Single(harness.Published.Select<Fault<DocumentArrived>>().Single().Context.Message.Exceptions).ExceptionType);
    }

    private static ServiceProvider Harness(double timeoutSeconds, string? sitePhrasesPath = null) => new ServiceCollection()
        .AddLogging()
        .AddSingleton(Options.Create(new StageTimeLimitOptions { TimeoutSeconds = timeoutSeconds }))
        .AddSingleton<StageTimeLimit>()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("Cleaning:SitePhrasesPath", sitePhrasesPath)])
            .Build())
        .AddSingleton(TimeProvider.System)
        .AddSingleton<SitePhraseFile>()
        .AddSingleton<IPdfReader, ChildProcessPdfReader>()
        .AddMassTransitTestHarness(bus =>
        {
            bus.ConfigureUsageTelemetryOptions(options => options.Enabled = false);
            // Generous: on a loaded 2-core machine a consumer may wait seconds for a thread.
            bus.SetTestTimeouts(testTimeout: TimeSpan.FromSeconds(120), testInactivityTimeout: TimeSpan.FromSeconds(10));
            bus.AddStageConsumer<CleanDocumentConsumer>(QueueNames.Cleaning);
        })
        .BuildServiceProvider(true);

    [Fact]
    public async Task Drops_the_lines_the_site_phrases_file_lists_for_the_documents_site()
    {
        var path = Path.Combine(Path.GetTempPath(), $"aigov-site-phrases-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(path, "[site example.org]\nFollow Example News on WeChat for more\n");
        try
        {
            await using var provider = Harness(timeoutSeconds: 60, sitePhrasesPath: path);
            var harness = provider.GetRequiredService<ITestHarness>();
            await harness.Start();
            var id = Guid.NewGuid();
            const string text = "Council adopts the AI liability rules\n\nSource: https://www.example.org/ai-liability\n\n"
                + "The council adopted the rules on liability for harm caused by artificial intelligence systems on Monday.\n\n"
                + "Follow Example News on WeChat for more\n\nVictims will be able to ask a court to order the disclosure of evidence.";

            await harness.Bus.Publish(Arrived(id, "news/liability.txt", Encoding.UTF8.GetBytes(text)));

            Assert.True(await harness.Published.Any<DocumentCleaned>(m => m.Context.Message.DocumentId == id));
            var cleaned = harness.Published.Select<DocumentCleaned>().Single().Context.Message;
            Assert.DoesNotContain("WeChat", cleaned.Content.Text);
            Assert.Contains("disclosure of evidence", cleaned.Content.Text);
            Assert.Contains(cleaned.Content.RemovedBlocks, block => block.Label == "site-repeat" && block.Text == "Follow Example News on WeChat for more");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static DocumentArrived Arrived(Guid id, string fileName, byte[] content) => new()
    {
        DocumentId = id,
        Source = new DocumentSource { FileName = fileName, RawSha256 = new string('0', 64), SizeBytes = content.Length, ReceivedAt = DateTimeOffset.UtcNow },
        Content = content,
    };
}
