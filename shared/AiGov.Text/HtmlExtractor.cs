using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace AiGov.Text;

/// <summary>Title and main text of an HTML page.</summary>
/// <param name="Title">From &lt;title&gt;, og:title or the first &lt;h1&gt;; null when none has text.</param>
/// <param name="Text">Normalised main text (see <see cref="TextNormalizer"/>), paragraphs separated by blank lines.</param>
public sealed record ExtractedText(string? Title, string Text);

/// <summary>Extracts the readable main content of an HTML page.</summary>
public static partial class HtmlExtractor
{
    // Never part of the readable text, wherever they are.
    private const string AlwaysRemovedSelector =
        "script, style, noscript, template, iframe, svg, object, embed, canvas, [hidden], [aria-hidden=true]";

    // Page chrome: removed unless it encloses the chosen main content.
    private const string ChromeSelector =
        "nav, header, footer, aside, form, button, select, textarea, input, dialog, menu, "
        + "[role=navigation], [role=banner], [role=contentinfo], [role=complementary], [role=search], [role=dialog]";

    private const string MainSelector = "main, [role=main]";

    // Below this many characters an <article>/<main> is a teaser or empty shell, not the content.
    private const int MinMainTextLength = 80;

    // Minimum length of a text block that counts as a paragraph for density scoring.
    private const int MinParagraphLength = 25;

    private static readonly HashSet<string> s_blockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "br", "hr", "tr",
        "table", "thead", "tbody", "tfoot", "caption", "blockquote", "section", "article", "main", "header",
        "footer", "figure", "figcaption", "pre", "address", "details", "summary", "center", "hgroup", "nav",
        "aside", "form", "fieldset", "legend", "body",
    };

    private static readonly HashSet<string> s_protectedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "html", "head", "body", "main", "article",
    };

    /// <summary>
    /// Parses <paramref name="html"/> with AngleSharp. The title comes from &lt;title&gt;, else og:title, else the
    /// first &lt;h1&gt;. The main content is the largest &lt;article&gt;, else &lt;main&gt;/[role=main], else the
    /// block with the best text-versus-link density. Navigation, header, footer, aside, forms, scripts, styles,
    /// iframes, SVG and elements whose id/class name a cookie banner, comments, share widget, related or most-read
    /// list, subscribe box or advertisement are dropped. Block elements (including &lt;br&gt;) become paragraph breaks.
    /// </summary>
    public static ExtractedText Extract(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var document = new HtmlParser().ParseDocument(html);
        var title = FindTitle(document);

        foreach (var element in document.QuerySelectorAll(AlwaysRemovedSelector).ToList())
        {
            element.Remove();
        }

        var body = document.Body ?? document.DocumentElement;
        var main = FindMainCandidate(document);
        RemoveChrome(document, main, body);

        var root = main is not null && VisibleText(main).Length >= MinMainTextLength ? main : FindDensestBlock(body);
        var builder = new StringBuilder();
        Render(root, builder, preformatted: false);
        return new ExtractedText(title, TextNormalizer.Normalize(builder.ToString()));
    }

    private static string? FindTitle(IDocument document)
    {
        var candidates = new[]
        {
            document.QuerySelector("title")?.TextContent,
            document.QuerySelector("meta[property='og:title'], meta[name='og:title']")?.GetAttribute("content"),
            document.QuerySelector("h1")?.TextContent,
        };

        foreach (var candidate in candidates)
        {
            var title = CollapseWhitespace(candidate ?? string.Empty);
            if (title.Length > 0)
            {
                return title;
            }
        }

        return null;
    }

    private static IElement? FindMainCandidate(IDocument document)
    {
        var article = document.QuerySelectorAll("article, [itemprop=articleBody]")
            .Where(element => !IsNoise(element))
            .OrderByDescending(element => VisibleText(element).Length - LinkTextLength(element))
            .FirstOrDefault();
        if (article is not null && VisibleText(article).Length >= MinMainTextLength)
        {
            return article;
        }

        return document.QuerySelectorAll(MainSelector).FirstOrDefault() ?? article;
    }

    private static void RemoveChrome(IDocument document, IElement? main, IElement? body)
    {
        var bodyTextLength = body is null ? 0 : VisibleText(body).Length;
        foreach (var element in document.QuerySelectorAll(ChromeSelector).ToList())
        {
            if (main is not null && element.Contains(main))
            {
                continue;
            }

            // Article headers hold the headline and byline; page headers are chrome.
            if (element.LocalName == "header" && element.Closest("article") is not null)
            {
                continue;
            }

            // Some frameworks (ASP.NET WebForms) wrap the whole page in one <form>.
            if (element.LocalName == "form" && VisibleText(element).Length * 2 > bodyTextLength)
            {
                continue;
            }

            element.Remove();
        }

        foreach (var element in document.QuerySelectorAll("[class], [id], [style]").ToList())
        {
            if (s_protectedElements.Contains(element.LocalName) || (main is not null && element.Contains(main)))
            {
                continue;
            }

            if (IsNoise(element) || IsHiddenByStyle(element))
            {
                element.Remove();
            }
        }
    }

    /// <summary>True when the id or one of the class names marks boilerplate (see <see cref="NoiseNameRegex"/>).</summary>
    private static bool IsNoise(IElement element)
    {
        var names = $"{element.Id} {element.ClassName}";
        foreach (var name in names.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // State modifiers ("has-sidebar", "no-comments") and taxonomy classes ("tag-social-media") describe
            // the element; they do not name a widget.
            if (StateModifierRegex().IsMatch(name))
            {
                continue;
            }

            if (NoiseNameRegex().IsMatch(name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHiddenByStyle(IElement element)
    {
        var style = element.GetAttribute("style");
        return style is not null && HiddenStyleRegex().IsMatch(style);
    }

    /// <summary>Readability-style scoring: paragraphs vote for their parent (full) and grandparent (half).</summary>
    private static IElement? FindDensestBlock(IElement? body)
    {
        if (body is null)
        {
            return null;
        }

        var scores = new Dictionary<IElement, double>();
        foreach (var block in body.QuerySelectorAll("p, pre, td, blockquote, div"))
        {
            var text = block.LocalName == "div" ? DirectText(block) : VisibleText(block);
            if (text.Length < MinParagraphLength)
            {
                continue;
            }

            var score = 1 + text.Count(c => c is ',' or '，' or '、') + Math.Min(text.Length / 100.0, 3);
            var parent = block.LocalName == "div" ? block : block.ParentElement;
            if (parent is null)
            {
                continue;
            }

            scores[parent] = scores.GetValueOrDefault(parent) + score;
            if (parent.ParentElement is { } grandParent)
            {
                scores[grandParent] = scores.GetValueOrDefault(grandParent) + (score / 2);
            }
        }

        if (scores.Count == 0)
        {
            return body;
        }

        return scores
            .Select(pair => (Element: pair.Key, Score: pair.Value * (1 - LinkDensity(pair.Key))))
            .OrderByDescending(pair => pair.Score)
            .First().Element;
    }

    private static double LinkDensity(IElement element)
    {
        var textLength = VisibleText(element).Length;
        return textLength == 0 ? 1 : Math.Min(1, (double)LinkTextLength(element) / textLength);
    }

    private static int LinkTextLength(IElement element) =>
        element.QuerySelectorAll("a").Sum(link => VisibleText(link).Length);

    private static string VisibleText(IElement element) => CollapseWhitespace(element.TextContent);

    private static string DirectText(IElement element) =>
        CollapseWhitespace(string.Concat(element.ChildNodes.Where(node => node.NodeType == NodeType.Text).Select(node => node.TextContent)));

    private static void Render(INode? node, StringBuilder builder, bool preformatted)
    {
        if (node is null)
        {
            return;
        }

        if (node.NodeType == NodeType.Text)
        {
            builder.Append(preformatted ? node.TextContent : WhitespaceRegex().Replace(node.TextContent, " "));
            return;
        }

        if (node is not IElement element)
        {
            return;
        }

        var name = element.LocalName;
        if (name is "br" or "hr")
        {
            builder.Append("\n\n");
            return;
        }

        var isBlock = s_blockElements.Contains(name);
        var isCell = name is "td" or "th";
        builder.Append(isBlock ? "\n\n" : isCell ? " " : string.Empty);
        foreach (var child in element.ChildNodes)
        {
            Render(child, builder, preformatted || name == "pre");
        }

        builder.Append(isBlock ? "\n\n" : isCell ? " " : string.Empty);
    }

    private static string CollapseWhitespace(string text) => WhitespaceRegex().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();

    [GeneratedRegex(@"^(has|no|with|is|enable|show|hide|tag|category|cat|term|topic)[-_]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StateModifierRegex();

    // Substrings that are unambiguous anywhere in a name, then short words that must stand alone between
    // separators (-, _, start/end) because they occur inside ordinary words ("ad" in "header", "share" in "shareholder").
    [GeneratedRegex(
        @"cookie|consent|gdpr|disqus|newsletter|subscri|sharedaddy|sharing|social|relatedposts|related[-_]|outbrain|taboola"
        + @"|advert|sponsor|paywall|popup|comment(?!ary)|breadcrumb|sidebar|most[-_]?read|most[-_]?popular|trending|recommend"
        + @"|byline|posted[-_]on|(^|[-_])(ad|ads|share|related|popular|promo|banner|widget|meta)([-_]|$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoiseNameRegex();

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HiddenStyleRegex();
}
