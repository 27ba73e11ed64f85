using System.Text;
using AiGov.Text;
using BenchmarkDotNet.Attributes;

namespace AiGov.TextBench;

/// <summary>
/// Whole-document cleaning cost (decode → extract → boilerplate → fingerprint), one document per operation, on one
/// thread: docs/s per core = 1 s / mean. Run: dotnet run -c Release --project tools/AiGov.TextBench -- --filter '*' --job short
/// </summary>
[MemoryDiagnoser]
public class CleaningBenchmarks
{
    private readonly List<(string Name, byte[] Content)> _seeds = [];
    private byte[] _html50Kb = [];
    private byte[] _zhHtml = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var root = AppContext.BaseDirectory;
        foreach (var path in Directory.GetFiles(Path.Combine(root, "seeds"), "*.txt").Order())
        {
            _seeds.Add((Path.GetFileName(path), File.ReadAllBytes(path)));
        }

        _html50Kb = HtmlPageOfSize(File.ReadAllText(Path.Combine(root, "pages", "en_news_wordpress.html")), 50 * 1024);
        _zhHtml = File.ReadAllBytes(Path.Combine(root, "pages", "zh_news_portal.html"));
    }

    /// <summary>One of the five seeds per call, in turn (2–9 KB of plain text with site furniture).</summary>
    [Benchmark]
    public CleanedDocument SeedPlainText()
    {
        var (name, content) = _seeds[_next++ % _seeds.Count];
        return DocumentCleaner.Clean(content, name);
    }

    /// <summary>A 50 KB news page: article, navigation, related lists, a long comment thread, footer.</summary>
    [Benchmark]
    public CleanedDocument Html50Kb() => DocumentCleaner.Clean(_html50Kb, "page.html");

    /// <summary>A GB2312 Chinese portal page (about 6 KB), decoded through the meta charset.</summary>
    [Benchmark]
    public CleanedDocument ChineseHtmlGb2312() => DocumentCleaner.Clean(_zhHtml, "page.html");

    /// <summary>Grows the page to the target size with more article paragraphs and comments, as long pages do.</summary>
    internal static byte[] HtmlPageOfSize(string page, int targetBytes)
    {
        var paragraphs = new StringBuilder();
        var comments = new StringBuilder();
        var i = 0;
        while (Encoding.UTF8.GetByteCount(page) + paragraphs.Length + comments.Length < targetBytes)
        {
            paragraphs.Append($"<p>Paragraph {i} of the analysis: regulators in several capitals compared notes on model evaluations, incident reporting and the role of standards bodies, and agreed to meet again before the end of the year.</p>\n");
            comments.Append($"<li class=\"comment\"><div class=\"comment-author\">Reader {i}</div><p>Comment {i}: interesting, but I doubt the timetable is realistic given the elections.</p></li>\n");
            i++;
        }

        var grown = page
            .Replace("<h2>Criticism from civil society</h2>", paragraphs + "<h2>Criticism from civil society</h2>", StringComparison.Ordinal)
            .Replace("<ol class=\"comment-list\">", "<ol class=\"comment-list\">" + comments, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(grown);
    }
}
