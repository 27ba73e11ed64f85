using System.Diagnostics;
using System.Text;
using AiGov.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiGov.Cleaner;

/// <summary>
/// Cleans three small built-in documents (an HTML page, an English text with a tail, a Chinese text) once at start,
/// before <c>/health/ready</c> answers: the first real document would otherwise pay for building the phrase
/// matcher's regexes (2–3 CPU-seconds) and for compiling the cleaning code, and wait seconds in the queue
/// (measured with <c>scripts/bench.sh --steady 20</c>, docs/PERFORMANCE.md).
/// </summary>
public sealed class CleanerWarmUp(ILogger<CleanerWarmUp> logger) : BackgroundService, IHealthCheck
{
    private const string Page = """
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>Regulators publish AI guidance | Example News</title>
        <meta property="article:published_time" content="2024-10-23T04:46:24Z"><meta name="author" content="Jane Doe"></head>
        <body><nav><a href="/">Home</a> <a href="/world">World</a></nav><div id="cookie-banner">We use cookies.</div>
        <article><h1>Regulators publish AI guidance</h1><p class="byline">By Jane Doe</p>
        <p>The regulator published its first guidance on general-purpose AI models on Monday, asking providers to document training data.</p>
        <p>Companies will have twelve months to comply, and smaller developers may ask for a simplified procedure.</p>
        <div class="share-buttons">Share this article</div></article>
        <aside class="sidebar"><h3>Most read</h3><ul><li><a href="/x">Another story</a></li></ul></aside>
        <footer>© 2024 Example News</footer></body></html>
        """;

    private const string Text = """
        EU lawmakers agree on AI rules

        2024-08-16 Source: XinhuaNet

        The European Parliament and the member states agreed on Friday on how providers of general-purpose AI models will have to document their training data.

        Related Posts

        Another story about AI
        """;

    private const string Chinese = """
        国家网信办发布生成式人工智能服务管理办法

        办法要求服务提供者对训练数据的来源负责，并在提供服务前进行安全评估。

        本文由 编辑 发表于 2024-10-18
        """;

    private volatile bool _done;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_done ? HealthCheckResult.Healthy("cleaning code warmed up") : HealthCheckResult.Unhealthy("cleaning code warming up"));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await Task.Run(() =>
            {
                DocumentCleaner.Clean(Encoding.UTF8.GetBytes(Page), "warm-up.html", stoppingToken);
                DocumentCleaner.Clean(Encoding.UTF8.GetBytes(Text), "warm-up.txt", stoppingToken);
                DocumentCleaner.Clean(Encoding.UTF8.GetBytes(Chinese), "warm-up.txt", stoppingToken);
            }, stoppingToken);
            logger.LogInformation("Cleaning code warmed up in {Elapsed:0} ms", watch.Elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception exception)
        {
            // A warm-up failure must not keep the service from working: the first document then pays the cost.
            logger.LogWarning("Cleaning warm-up failed after {Elapsed:0} ms ({Error}); the first documents will be slower", watch.Elapsed.TotalMilliseconds, exception.Message);
        }
        finally
        {
            _done = true;
        }
    }
}
