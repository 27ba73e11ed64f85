using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace AiGov.Text;

/// <summary>What an HTML page declares about its article: the metadata, and the body its JSON-LD gives
/// (<c>articleBody</c>: the whole text on many pages that render it with a script).</summary>
internal sealed record DeclaredArticle(ArticleMetadata Metadata, string? ArticleBody);

/// <summary>Publication date, site, address and author that an HTML page declares: meta tags, JSON-LD, &lt;time&gt;, byline.</summary>
internal static partial class HtmlMetadataReader
{
    private const int MaxJsonLdChars = 512 * 1024;

    // Matched as CSS attribute selectors would: exact, case-sensitive values.
    private static readonly HashSet<string> s_publishedProperties = new(StringComparer.Ordinal) { "article:published_time", "og:published_time" };

    private static readonly HashSet<string> s_publishedNames = new(StringComparer.Ordinal)
    {
        "article:published_time", "pubdate", "publishdate", "publish-date", "date", "dc.date.issued", "DC.date.issued", "dc.date", "PubDate",
    };

    private static readonly HashSet<string> s_sourceNames = new(StringComparer.Ordinal) { "application-name", "source" };
    private static readonly HashSet<string> s_authorNames = new(StringComparer.Ordinal) { "author", "byl", "dc.creator" };
    private static readonly HashSet<string> s_bylineClasses = new(StringComparer.Ordinal) { "byline", "author", "author-name" };

    /// <summary>Reads the page's declarations in one walk over its elements (a selector query per field walked the
    /// whole tree ten times).</summary>
    /// <param name="elements">The page's elements in document order (<see cref="Html.ElementWalk.All"/>).</param>
    public static ArticleMetadata Read(IReadOnlyList<IElement> elements) => ReadArticle(elements).Metadata;

    /// <summary><see cref="Read"/> and the longest JSON-LD <c>articleBody</c> of the page's article items.</summary>
    public static DeclaredArticle ReadArticle(IReadOnlyList<IElement> elements)
    {
        string? published = null, time = null, source = null, canonical = null, ogUrl = null, author = null;
        var jsonLd = new List<IElement>();
        var bylines = new List<IElement>();
        foreach (var element in elements)
        {
            switch (element.LocalName)
            {
                case "meta":
                    ReadMeta(element, ref published, ref source, ref ogUrl, ref author);
                    continue;
                case "time":
                    time ??= element.GetAttribute("datetime");
                    break;
                case "link" when canonical is null && element.GetAttribute("rel") == "canonical":
                    canonical = element.GetAttribute("href");
                    continue;
                case "script" when element.GetAttribute("type") == "application/ld+json":
                    jsonLd.Add(element);
                    continue;
            }

            if (IsByline(element))
            {
                bylines.Add(element);
            }
        }

        var fromTags = new ArticleMetadata(
            PublishedAt: ParseDate(published) ?? ParseDate(time),
            Source: source,
            SourceUrl: Absolute(canonical) ?? Absolute(ogUrl),
            Author: NotUrl(author) ?? BylineText(bylines));
        var (declared, articleBody) = ReadJsonLd(jsonLd);
        var metadata = declared.Or(fromTags);
        return new DeclaredArticle(metadata with { Source = metadata.Source ?? (metadata.SourceUrl is { } url ? TextMetadataReader.HostOf(url) : null) }, articleBody);
    }

    /// <summary>Keeps the first non-empty <c>content</c> of each kind of meta tag, in document order.</summary>
    private static void ReadMeta(IElement meta, ref string? published, ref string? source, ref string? ogUrl, ref string? author)
    {
        var property = meta.GetAttribute("property");
        var name = meta.GetAttribute("name");
        var isPublished = (property is not null && s_publishedProperties.Contains(property))
            || (name is not null && s_publishedNames.Contains(name)) || meta.GetAttribute("itemprop") == "datePublished";
        var isSource = property == "og:site_name" || (name is not null && s_sourceNames.Contains(name));
        var isUrl = property == "og:url";
        var isAuthor = property == "article:author" || (name is not null && s_authorNames.Contains(name));
        if (!(isPublished || isSource || isUrl || isAuthor) || meta.GetAttribute("content")?.Trim() is not { Length: > 0 } content)
        {
            return;
        }

        published ??= isPublished ? content : null;
        source ??= isSource ? content : null;
        ogUrl ??= isUrl ? content : null;
        author ??= isAuthor ? content : null;
    }

    /// <summary><c>[rel=author], [itemprop=author], .byline, .author, .author-name, [class*=byline]</c>.</summary>
    private static bool IsByline(IElement element)
    {
        if (element.GetAttribute("rel") == "author" || element.GetAttribute("itemprop") == "author")
        {
            return true;
        }

        var className = element.GetAttribute("class");
        if (string.IsNullOrEmpty(className))
        {
            return false;
        }

        if (className.Contains("byline", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var range in className.AsSpan().SplitAny(" \t\n\r\f"))
        {
            if (s_bylineClasses.Contains(className[range]))
            {
                return true;
            }
        }
        return false;
    }

    private static string? BylineText(List<IElement> candidates)
    {
        foreach (var element in candidates)
        {
            var text = BylinePrefixRegex().Replace(WhitespaceCollapser.CollapseAndTrim(element.TextContent), string.Empty).Trim();
            if (text.Length is > 1 and <= 80 && !text.Any(char.IsDigit))
            {
                return text;
            }
        }

        return null;
    }

    private static (ArticleMetadata Metadata, string? ArticleBody) ReadJsonLd(List<IElement> scripts)
    {
        var result = ArticleMetadata.Empty;
        string? articleBody = null;
        foreach (var script in scripts)
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
                    if (StringOf(item, "articleBody") is { } body && body.Length > (articleBody?.Length ?? 0))
                    {
                        articleBody = body;
                    }
                }
            }
            catch (JsonException)
            {
                // Broken structured data is common; the meta tags still count.
            }
        }

        return (result, articleBody);
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

    [GeneratedRegex(@"^(?:by|written by|posted by|author|作者|文)\s*[:：/]?\s*", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex BylinePrefixRegex();

}
