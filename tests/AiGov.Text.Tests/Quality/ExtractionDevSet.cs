using System.IO.Compression;
using System.Text;
using System.Text.Json;
using AiGov.Tests.Shared;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace AiGov.Text.Tests.Quality;

/// <summary>One page of trafilatura's extraction benchmark: the snippets its main text must contain and must not.</summary>
public sealed record ExtractionPage(string File, string Url, IReadOnlyList<string> With, IReadOnlyList<string> Without);

/// <summary>How one page's extracted text scores: <c>with</c> snippets found (tp) and missed (fn), <c>without</c>
/// snippets found (fp).</summary>
public sealed record PageScore(ExtractionPage Page, string Text, int TruePositives, int FalseNegatives, int FalsePositives)
{
    public double F1 => Scores.F1(TruePositives, FalsePositives, FalseNegatives);

    public bool FoundNone => Page.With.Count > 0 && TruePositives == 0;

    public IEnumerable<string> Missed => Page.With.Where(snippet => !ExtractionDevSet.Contains(Text, snippet));

    public IEnumerable<string> Kept => Page.Without.Where(snippet => ExtractionDevSet.Contains(Text, snippet));
}

public static class Scores
{
    public static double F1(int tp, int fp, int fn) => tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
}

/// <summary>A run's scores summed over its pages, as trafilatura sums them.</summary>
public sealed record ExtractionTotals(int TruePositives, int FalsePositives, int FalseNegatives, int PagesFoundNone, int Pages)
{
    public static ExtractionTotals Of(IReadOnlyCollection<PageScore> scores) => new(
        scores.Sum(s => s.TruePositives), scores.Sum(s => s.FalsePositives), scores.Sum(s => s.FalseNegatives),
        scores.Count(s => s.FoundNone), scores.Count);

    public double Precision => TruePositives + FalsePositives == 0 ? 0 : TruePositives / (double)(TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : TruePositives / (double)(TruePositives + FalseNegatives);

    public double F1 => Scores.F1(TruePositives, FalsePositives, FalseNegatives);

    /// <summary>Share of the pages that kept none of their <c>with</c> snippets.</summary>
    public double FoundNoneShare => Pages == 0 ? 0 : PagesFoundNone / (double)Pages;
}

/// <summary>trafilatura's extraction benchmark (990 real pages, <c>pages/NNNN.html.gz</c> and <c>snippets.json</c>),
/// read from the shared bench folder beside the repository (never copied into it), scored as trafilatura scores:
/// whitespace-normalised substring match, summed over all pages. Shared with the bench tool.</summary>
public sealed class ExtractionDevSet
{
    /// <summary>Where the shared folder keeps the set, relative to it.</summary>
    public static readonly string RelativeDirectory = Path.Combine("bench", "extraction", "trafilatura");

    private static readonly HashSet<string> s_invisible = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "head",
    };

    private static readonly HashSet<string> s_blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "br", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li",
        "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul", "title", "body", "html",
        "caption", "tbody", "thead", "tfoot", "option", "select", "textarea", "button", "label", "legend", "menu",
    };

    private ExtractionDevSet(string directory, IReadOnlyList<ExtractionPage> pages)
    {
        Directory = directory;
        Pages = pages;
    }

    public string Directory { get; }

    public IReadOnlyList<ExtractionPage> Pages { get; }

    public static ExtractionDevSet Load(string directory)
    {
        var snippets = Path.Combine(directory, "snippets.json");
        if (!File.Exists(snippets))
        {
            throw new FileNotFoundException($"No snippets.json in {directory}: pass the folder of trafilatura's benchmark (shared/{RelativeDirectory.Replace('\\', '/')}).", snippets);
        }
        using var json = JsonDocument.Parse(File.ReadAllBytes(snippets));
        var pages = json.RootElement.EnumerateObject()
            .Select(page => new ExtractionPage(
                page.Name,
                page.Value.TryGetProperty("url", out var url) ? url.GetString() ?? string.Empty : string.Empty,
                Strings(page.Value, "with"),
                Strings(page.Value, "without")))
            .OrderBy(page => page.File, StringComparer.Ordinal)
            .ToList();
        return new ExtractionDevSet(directory, pages);
    }

    /// <summary>The set in the shared folder beside the repository, or null when it is not there.</summary>
    public static string? FindDirectory() => SharedFolder.Find(RelativeDirectory);

    public byte[] ReadHtml(ExtractionPage page)
    {
        using var file = File.OpenRead(Path.Combine(Directory, "pages", page.File));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>The page as the cleaner gets it: its HTML, or its text dump (<see cref="TextDump"/>) as UTF-8.</summary>
    public byte[] ReadInput(ExtractionPage page, bool asTextDump)
    {
        var html = ReadHtml(page);
        return asTextDump ? Encoding.UTF8.GetBytes(TextDump(html)) : html;
    }

    /// <summary>The file name the cleaner is given for the form <see cref="ReadInput"/> reads.</summary>
    public static string InputFileName(bool asTextDump) => asTextDump ? "page.txt" : "page.html";

    public static PageScore Score(ExtractionPage page, string text)
    {
        var normalised = Normalise(text);
        var tp = page.With.Count(snippet => normalised.Contains(Normalise(snippet), StringComparison.Ordinal));
        var fp = page.Without.Count(snippet => normalised.Contains(Normalise(snippet), StringComparison.Ordinal));
        return new PageScore(page, text, tp, page.With.Count - tp, fp);
    }

    public static bool Contains(string text, string snippet) => Normalise(text).Contains(Normalise(snippet), StringComparison.Ordinal);

    /// <summary>The page as a scraper writes it: every visible line, one block element per line (script, style,
    /// noscript, template, svg and head skipped; spaces collapsed; empty lines dropped), the form of the seeds.</summary>
    public static string TextDump(byte[] html)
    {
        // Decoded as a browser would (BOM, then UTF-8, then the page's declared charset), as a scraper saves what it sees.
        var document = new HtmlParser().ParseDocument(TextDecoder.Decode(html, isHtml: true).Text);
        var builder = new StringBuilder();
        if (document.Body is { } body)
        {
            Append(body, builder);
        }
        return string.Join('\n', builder.ToString().Split('\n').Select(line => string.Join(' ', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).Where(line => line.Length > 0));
    }

    private static void Append(INode node, StringBuilder builder)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText text)
            {
                builder.Append(text.Data);
            }
            else if (child is IElement element && !s_invisible.Contains(element.LocalName))
            {
                var block = s_blocks.Contains(element.LocalName);
                if (block)
                {
                    builder.Append('\n');
                }
                Append(element, builder);
                if (block)
                {
                    builder.Append('\n');
                }
            }
        }
    }

    /// <summary>Whitespace runs become one space, as the scorer compares snippets.</summary>
    public static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static List<string> Strings(JsonElement page, string name) =>
        page.TryGetProperty(name, out var array) && array.ValueKind is JsonValueKind.Array
            ? [.. array.EnumerateArray().Select(item => item.GetString()).OfType<string>().Where(snippet => snippet.Trim().Length > 0)]
            : [];
}
