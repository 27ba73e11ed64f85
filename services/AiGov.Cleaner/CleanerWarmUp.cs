using System.Text;
using AiGov.Infrastructure.Hosting;
using AiGov.Infrastructure.Messaging;
using AiGov.Text;
using AiGov.Text.Boilerplate;

namespace AiGov.Cleaner;

/// <summary>
/// The cleaner's start-up warm-up (run by <see cref="StartupWarmUp"/> before <c>/health/ready</c>): cleans three
/// small built-in documents (an HTML page, an English text with a tail, a Chinese text), so the first real document
/// does not pay for building the phrase matcher's regexes (2–3 CPU-seconds), for compiling the cleaning code and for
/// the serializer's metadata of its messages, and wait seconds in the queue (measured with
/// <c>scripts/bench.sh --steady 20</c>, docs/PERFORMANCE.md).
/// </summary>
public static class CleanerWarmUp
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

    public static Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        // The site phrases as the consumer gets them: the file is read here, not by the first real document.
        var sitePhrases = services.GetService<SitePhraseFile>()?.Current ?? SitePhrases.Empty;
        DocumentCleaner.Clean(Encoding.UTF8.GetBytes(Page), "warm-up.html", sitePhrases, cancellationToken);
        DocumentCleaner.Clean(Encoding.UTF8.GetBytes(Text), "warm-up.txt", sitePhrases, cancellationToken);
        DocumentCleaner.Clean(Encoding.UTF8.GetBytes(Chinese), "warm-up.txt", sitePhrases, cancellationToken);
        MessageSerializationWarmUp.RoundTrip(WarmUpMessages.Arrived());
        MessageSerializationWarmUp.RoundTrip(WarmUpMessages.Cleaned());
        return Task.CompletedTask;
    }
}
