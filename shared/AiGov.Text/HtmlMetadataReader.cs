using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace AiGov.Text;

/// <summary>Publication date, site, address and author that an HTML page declares: meta tags, JSON-LD, &lt;time&gt;, byline.</summary>
internal static partial class HtmlMetadataReader
{
    private const int MaxJsonLdChars = 512 * 1024;

    private const string PublishedSelector =
        "meta[property='article:published_time'], meta[property='og:published_time'], meta[name='article:published_time'], "
        + "meta[name='pubdate'], meta[name='publishdate'], meta[name='publish-date'], meta[name='date'], meta[name='dc.date.issued'], "
        + "meta[name='DC.date.issued'], meta[name='dc.date'], meta[itemprop='datePublished'], meta[name='PubDate']";

    private const string AuthorSelector = "meta[name='author'], meta[property='article:author'], meta[name='byl'], meta[name='dc.creator']";

    private const string BylineSelector = "[rel=author], [itemprop=author], .byline, .author, .author-name, [class*=byline]";

    public static ArticleMetadata Read(IDocument document)
    {
        var jsonLd = ReadJsonLd(document);
        var fromTags = new ArticleMetadata(
            PublishedAt: ParseDate(Content(document, PublishedSelector)) ?? ParseDate(document.QuerySelector("time[datetime]")?.GetAttribute("datetime")),
            Source: Content(document, "meta[property='og:site_name'], meta[name='application-name'], meta[name='source']"),
            SourceUrl: Absolute(document.QuerySelector("link[rel=canonical]")?.GetAttribute("href")) ?? Absolute(Content(document, "meta[property='og:url']")),
            Author: NotUrl(Content(document, AuthorSelector)) ?? BylineText(document));
        var metadata = jsonLd.Or(fromTags);
        return metadata with { Source = metadata.Source ?? (metadata.SourceUrl is { } url ? TextMetadataReader.HostOf(url) : null) };
    }

    private static string? Content(IDocument document, string selector)
    {
        foreach (var element in document.QuerySelectorAll(selector))
        {
            var value = element.GetAttribute("content")?.Trim();
            if (!string.IsNullOrEmpty(value))
            {
                return value;
            }
        }

        return null;
    }

    private static string? BylineText(IDocument document)
    {
        foreach (var element in document.QuerySelectorAll(BylineSelector))
        {
            var text = BylinePrefixRegex().Replace(WhitespaceCollapser.CollapseAndTrim(element.TextContent), string.Empty).Trim();
            if (text.Length is > 1 and <= 80 && !text.Any(char.IsDigit))
            {
                return text;
            }
        }

        return null;
    }

    private static ArticleMetadata ReadJsonLd(IDocument document)
    {
        var result = ArticleMetadata.Empty;
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
        {
            var json = script.TextContent;
            if (json.Length > MaxJsonLdChars)
            {
                continue;
            }

            try
            {
                using var parsed = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 32 });
                foreach (var item in Items(parsed.RootElement))
                {
                    result = result.Or(new ArticleMetadata(
                        ParseDate(StringOf(item, "datePublished") ?? StringOf(item, "dateCreated")),
                        NameOf(item, "publisher"),
                        Absolute(StringOf(item, "url") ?? StringOf(item, "mainEntityOfPage")),
                        NameOf(item, "author")));
                }
            }
            catch (JsonException)
            {
                // Broken structured data is common; the meta tags still count.
            }
        }

        return result;
    }

    /// <summary>Objects that describe an article: the root, array members and @graph members with a datePublished or headline.</summary>
    private static IEnumerable<JsonElement> Items(JsonElement root)
    {
        var candidates = root.ValueKind switch
        {
            JsonValueKind.Array => root.EnumerateArray().ToList(),
            JsonValueKind.Object when root.TryGetProperty("@graph", out var graph) && graph.ValueKind == JsonValueKind.Array => graph.EnumerateArray().ToList(),
            JsonValueKind.Object => [root],
            _ => [],
        };
        return candidates.Where(item => item.ValueKind == JsonValueKind.Object
            && (item.TryGetProperty("datePublished", out _) || item.TryGetProperty("headline", out _)));
    }

    private static string? StringOf(JsonElement item, string property)
    {
        if (!item.TryGetProperty(property, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Object when value.TryGetProperty("@id", out var id) && id.ValueKind == JsonValueKind.String => id.GetString(),
            _ => null,
        };
    }

    private static string? NameOf(JsonElement item, string property)
    {
        if (!item.TryGetProperty(property, out var value))
        {
            return null;
        }

        var names = (value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value])
            .Select(entry => entry.ValueKind switch
            {
                JsonValueKind.String => entry.GetString(),
                JsonValueKind.Object when entry.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String => name.GetString(),
                _ => null,
            })
            .Where(name => !string.IsNullOrWhiteSpace(name))
            .ToList();
        return names.Count == 0 ? null : string.Join(", ", names);
    }

    private static DateTimeOffset? ParseDate(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : DatePatterns.Parse(value);

    private static string? Absolute(string? url) =>
        url is not null && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.ToString() : null;

    private static string? NotUrl(string? value) => value is null || value.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? null : value;

    [GeneratedRegex(@"^(?:by|written by|posted by|author|作者|文)\s*[:：/]?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex BylinePrefixRegex();

}
