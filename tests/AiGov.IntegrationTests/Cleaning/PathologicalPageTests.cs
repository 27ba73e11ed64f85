using System.Text;
using AiGov.Contracts;
using AiGov.IntegrationTests.Infrastructure;
using AiGov.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace AiGov.IntegrationTests.Cleaning;

/// <summary>Issue #14 point 4 and #19 point 1: a document the cleaner gives up on at the stage's time limit stops using
/// CPU then, instead of running on abandoned (it used to keep a core busy for minutes). The cleaner runs as a process
/// with a 1 s limit.</summary>
public sealed class PathologicalPageTests(ITestOutputHelper output)
{
    private const int Pages = 3;

    [Fact]
    public async Task PagesGivenUpAtTheTimeLimit_FaultAndLeaveTheCleanerIdle()
    {
        // Without a time limit each page takes ~8 s of CPU here: density scoring of 1,000 nested levels of link blocks.
        var page = Encoding.UTF8.GetBytes(NestedLinkBlocks(levels: 1_000, linksPerLevel: 30));
        await GiveUpAndExpectIdleAsync("deep-{0}.html", page);
    }

    /// <summary>Issue #19 point 1 for PDF: PdfPig checks no token inside a page, so the cleaner reads each PDF in a
    /// child process and kills it at the limit; afterwards neither the cleaner nor a child of it uses CPU.</summary>
    [Fact]
    public async Task PdfsGivenUpAtTheTimeLimit_FaultAndLeaveNoReaderRunning()
    {
        // One page of 40,000 words: ~6 s of block layout inside one PdfPig call, which no token reaches.
        await GiveUpAndExpectIdleAsync("grid-{0}.pdf", TestPdfs.OnePagePdf(TestPdfs.WordGrid(columns: 100, rows: 400)));
    }

    /// <summary>Sends <see cref="Pages"/> copies of <paramref name="content"/> to a cleaner process with a 1 s limit,
    /// waits for their faults, then expects no child of the cleaner alive and under 1 s of its CPU 2–10 s later.</summary>
    private async Task GiveUpAndExpectIdleAsync(string fileNameFormat, byte[] content)
    {
        await using var servers = await TestServers.StartAsync();
        await using var virtualHost = await ThrowawayVirtualHost.CreateAsync(servers.Rabbit);
        var logDirectory = Directory.CreateTempSubdirectory("aigov-pathological-").FullName;
        var settings = servers.Rabbit.ServiceSettings(virtualHost.Name);
        settings["Stage__TimeoutSeconds"] = "1";
        settings["MASSTRANSIT_USAGE_TELEMETRY"] = "false";
        await using var cleaner = ServiceProcess.Start("AiGov.Cleaner", settings, logDirectory);
        await cleaner.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));

        for (var i = 0; i < Pages; i++)
        {
            var fileName = string.Format(System.Globalization.CultureInfo.InvariantCulture, fileNameFormat, i);
            var message = new DocumentArrived { DocumentId = Guid.NewGuid(), Source = TestDocuments.Source(fileName, content), Content = content };
            await virtualHost.PublishEnvelopeToAsync(QueueNames.Cleaning, typeof(DocumentArrived).FullName!, message);
        }

        var errors = QueueNames.Cleaning + "_error";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (await virtualHost.GetQueueAsync(errors) is not { Ready: >= Pages })
        {
            Assert.True(DateTime.UtcNow < deadline, $"{Pages} faults were not in {errors} within 120 s:\n{cleaner.Tail()}");
            await Task.Delay(250);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(cleaner.ChildProcessIds());
        var before = cleaner.CpuTime();
        await Task.Delay(TimeSpan.FromSeconds(8));
        var spent = cleaner.CpuTime() - before;
        output.WriteLine($"cleaner CPU 2-10 s after the {Pages} faults: {spent.TotalMilliseconds:N0} ms");
        Assert.True(spent < TimeSpan.FromSeconds(1), $"the cleaner used {spent.TotalSeconds:0.00} s of CPU 2-10 s after giving up");
        Assert.Empty(cleaner.ChildProcessIds());
        Assert.Contains("gave up on the document after 1 s", cleaner.ReadLog());
        Directory.Delete(logDirectory, recursive: true);
    }

    private static string NestedLinkBlocks(int levels, int linksPerLevel)
    {
        var html = new StringBuilder("<html><body>");
        for (var level = 0; level < levels; level++)
        {
            html.Append("<div class=\"level\">");
            for (var link = 0; link < linksPerLevel; link++)
            {
                html.Append("<div><a href=\"/x").Append(link).Append("\">link ").Append(link).Append("</a> and some words</div>");
            }
            html.Append("<p>Paragraph at level ").Append(level).Append(", with some words, commas, and more text to score.</p>");
        }
        html.Append(string.Concat(Enumerable.Repeat("</div>", levels))).Append("</body></html>");
        return html.ToString();
    }
}
