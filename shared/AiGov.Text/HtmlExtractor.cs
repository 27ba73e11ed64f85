using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AiGov.Text.Html;
using AngleSharp;
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
    // Never part of the readable text, wherever they are; and [hidden], [aria-hidden=true].
    private static readonly HashSet<string> s_alwaysRemovedElements = new(StringComparer.Ordinal)
    {
        "script", "style", "noscript", "template", "iframe", "svg", "object", "embed", "canvas",
    };

    // Page chrome, by element or by role: removed unless it encloses the chosen main content.
    private static readonly HashSet<string> s_chromeElements = new(StringComparer.Ordinal)
    {
        "nav", "header", "footer", "aside", "form", "button", "select", "textarea", "input", "dialog", "menu",
    };

    private static readonly HashSet<string> s_chromeRoles = new(StringComparer.Ordinal)
    {
        "navigation", "banner", "contentinfo", "complementary", "search", "dialog",
    };

    // Below this many characters an <article>/<main> is a teaser or empty shell, not the content.
    private const int MinMainTextLength = 80;

    // Longest run of text before the headline that is taken for a kicker or section label rather than content.
    private const int MaxTextBeforeHeadline = 120;

    private const int MinBodyContainerLength = 200;
    private const double BodyContainerShareOfRoot = 0.5;
    private const double RootShareOfBodyContainer = 0.7;
    private const int MinLeadLength = 80;
    private const int MinStandfirstLength = 40;
    private const int MaxStandfirstBlocks = 3;
    private const int MaxTrailingBlocks = 20;
    private const string AfterBodyLabel = "after-body";
    private const string CommentsLabel = "comments";

    // Some frameworks (ASP.NET WebForms) wrap the whole page in one <form>: one holding over half the text stays.
    private const double FormShareOfPage = 0.5;
    private const double NoiseNamedShareOfPage = 1.0 / 3;
    private const string StructuredBlockSelector = "li, td, th, pre, code, table, dl, blockquote";
    private const double MaxLeadLinkDensity = 0.3;
    private const double MaxSectionLinkDensity = 0.3;

    // Text that a candidate repeats more often than this counts once per repetition allowed (DomText.DistinctLength).
    private const int MaxRepetitions = 2;

    // Minimum length of a text block that counts as a paragraph for density scoring.
    private const int MinParagraphLength = 25;

    private static readonly HashSet<string> s_blockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "br", "hr", "tr",
        "table", "thead", "tbody", "tfoot", "caption", "blockquote", "section", "article", "main", "header",
        "footer", "figure", "figcaption", "pre", "address", "details", "summary", "center", "hgroup", "nav",
        "aside", "form", "fieldset", "legend", "body",
    };

    // One parser per thread: building a parser creates a browsing context, and a parser is not documented as thread-safe.
    // The context has no attribute observers: they resolve every href and src into a URL as the page is built (a
    // tenth of the parse), for a browser that loads them; the extraction reads attributes as written.
    private static readonly ThreadLocal<HtmlParser> s_parser = new(() => new HtmlParser(
        new HtmlParserOptions { IsScripting = false },
        BrowsingContext.New(Configuration.Default.Without<IAttributeObserver>())));

    private static readonly HashSet<string> s_protectedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "html", "head", "body", "main", "article",
    };

    /// <summary>This thread's parser.</summary>
    internal static HtmlParser Parser => s_parser.Value!;

    /// <summary>
    /// Parses <paramref name="html"/> with AngleSharp. The title comes from &lt;title&gt;, else og:title, else the
    /// first &lt;h1&gt;. The main content is the largest &lt;article&gt;, else &lt;main&gt;/[role=main], else the
    /// block with the best text-versus-link density. Navigation, header, footer, aside, forms, scripts, styles,
    /// iframes, SVG and elements whose id/class name a cookie banner, comments, share widget, related or most-read
    /// list, subscribe box or advertisement are dropped. Block elements (including &lt;br&gt;) become paragraph breaks.
    /// </summary>
    public static ExtractedText Extract(string html)
    {
        var extracted = ExtractDocument(html);
        return new ExtractedText(extracted.Title, extracted.Text);
    }

    /// <summary>
    /// <see cref="Extract"/> plus what was dropped (labelled by the kind of chrome) and the page's metadata
    /// (meta tags, JSON-LD, &lt;time&gt;, byline). When the chosen content does not contain the page's &lt;h1&gt;
    /// (a headline above the article body), the headline is put in front of the text.
    /// </summary>
    internal static ExtractedDocument ExtractDocument(string html, CancellationToken cancellationToken = default) =>
        ExtractDocument(html, keepsChrome: false, cancellationToken);

    /// <summary>The extraction; with <paramref name="keepsChrome"/> the <see cref="SecondOpinion"/>: chrome and
    /// elements named as noise stay, noscripts are read as markup (a page that renders its article with a script may
    /// give it to readers without scripts there: Blogger's templates do), the page's title and metadata are not read,
    /// and no further opinion is asked.</summary>
    private static ExtractedDocument ExtractDocument(string html, bool keepsChrome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(html);
        // AngleSharp's parse time grows with the square of the nesting depth (50,000 nested elements: 7 s, 200,000:
        // minutes, and it cannot be cancelled): elements nested deeper than any real page are flattened first.
        var markup = HtmlNesting.Flatten(UnreadElements.Remove(html, unwrapsNoscripts: keepsChrome), HtmlNesting.MaximumDepth);
        cancellationToken.ThrowIfCancellationRequested();
        var document = s_parser.Value!.ParseDocument(markup);
        cancellationToken.ThrowIfCancellationRequested();
        // Counted before anything is removed: a page too large for the second opinion is not parsed a second time.
        var all = ElementWalk.All(document);
        var elements = all.Count;
        var title = keepsChrome ? null : FindTitle(document);
        var declared = keepsChrome ? new DeclaredArticle(ArticleMetadata.Empty, null) : HtmlMetadataReader.ReadArticle(all);
        var metadata = declared.Metadata;
        cancellationToken.ThrowIfCancellationRequested();
        var headlineElement = FindHeadline(document);
        var headline = headlineElement is null ? null : CollapseWhitespace(headlineElement.TextContent);
        var removed = new List<RemovedText>();

        foreach (var element in all)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (s_alwaysRemovedElements.Contains(element.LocalName) || element.HasAttribute("hidden") || element.GetAttribute("aria-hidden") == "true")
            {
                element.Remove();
            }
        }

        var body = document.Body ?? document.DocumentElement;
        // Counted before anything is removed: what the second opinion could find at most.
        var bodyWords = keepsChrome || body is null ? 0 : DomText.WordCountBound(body);
        var main = FindMainCandidate(document, cancellationToken);
        if (!keepsChrome)
        {
            RemoveChrome(document, main, body, removed, cancellationToken);
        }

        var (root, lead) = ChooseRoot(main, body, cancellationToken);
        if (lead.Count == 0 && root is not null && headlineElement is not null && !IsDetached(headlineElement)
            && !root.Contains(headlineElement) && IsBefore(headlineElement, root))
        {
            // A body chosen below its headline: up to three blocks between the two, an intro paragraph or a subheadline.
            lead = CommonAncestor(headlineElement, root) is { } common
                ? StandfirstBlocks(common, headlineElement, root, "p, div, h2, h3", MinStandfirstLength, cancellationToken).Take(MaxStandfirstBlocks).ToList()
                : [];
        }

        if (root is not null)
        {
            root = WithSameTemplateBlocks(root);
            lead = lead.Where(block => !root.Contains(block)).ToList();
            LinkDensePruner.Prune(root, removed, cancellationToken);
            TrimTrailingBlocks(root, removed, cancellationToken);
            OrphanHeadings.Drop(root, removed, cancellationToken);
        }

        var builder = new StringBuilder();
        if (headline is not null && root is not null && root.GetElementsByTagName("h1").Length == 0)
        {
            builder.Append(headline).Append("\n\n");
        }

        foreach (var paragraph in lead)
        {
            Render(paragraph, builder, cancellationToken);
        }
        Render(root, builder, cancellationToken);
        var text = TextNormalizer.Normalize(builder.ToString());
        var words = WhitespaceCollapser.WordCount(text);
        var extracted = new ExtractedDocument(title, StartAtHeadline(text, headline, removed), removed, metadata);
        if (!keepsChrome && SecondOpinion.IsWorthAsking(text.Length, words, bodyWords, elements)
            && ExtractDocument(html, keepsChrome: true, cancellationToken) is { } second && SecondOpinion.IsBetter(second.Text, words))
        {
            extracted = second with { Title = title, Metadata = metadata };
        }
        return WithDeclaredBody(extracted, declared.ArticleBody, cancellationToken);
    }

    /// <summary>The extraction followed by the page's declared article body when that holds more than twice its words
    /// (<see cref="DeclaredBody"/>); what the markup shows and the body does not hold (the headline, the standfirst)
    /// stays in front.</summary>
    private static ExtractedDocument WithDeclaredBody(ExtractedDocument extracted, string? articleBody, CancellationToken cancellationToken)
    {
        if (DeclaredBody(articleBody, WhitespaceCollapser.WordCount(extracted.Text), cancellationToken) is not { } body)
        {
            return extracted;
        }
        var shown = extracted.Text.Split('\n').Where(line => line.Trim().Length == 0 || !body.Contains(line.Trim(), StringComparison.Ordinal));
        return extracted with { Text = TextNormalizer.Normalize(string.Join('\n', shown) + "\n\n" + body) };
    }

    /// <summary>The JSON-LD <c>articleBody</c> (plain text, or markup rendered as such) when it holds more than twice
    /// the words extracted from the markup: the page renders its article with a script (or behind a paywall), and the
    /// markup holds only the headline and the standfirst. Null otherwise.</summary>
    private static string? DeclaredBody(string? articleBody, int extractedWords, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(articleBody) || WhitespaceCollapser.WordCount(articleBody) <= 2 * extractedWords)
        {
            return null;
        }
        string body;
        if (articleBody.Contains('<', StringComparison.Ordinal))
        {
            var builder = new StringBuilder();
            Render(s_parser.Value!.ParseDocument(articleBody).Body, builder, cancellationToken);
            body = builder.ToString();
        }
        else
        {
            body = WebUtility.HtmlDecode(articleBody);
        }
        body = TextNormalizer.Normalize(body);
        return WhitespaceCollapser.WordCount(body) > 2 * extractedWords ? body : null;
    }

    /// <summary>
    /// The article starts at its headline: a short run of text before it (a section label such as "Guidance", a
    /// kicker, a date) is dropped.
    /// </summary>
    private static string StartAtHeadline(string text, string? headline, List<RemovedText> removed)
    {
        if (headline is null)
        {
            return text;
        }

        var index = text.IndexOf(headline, StringComparison.Ordinal);
        if (index <= 0 || index > MaxTextBeforeHeadline || (index > 1 && text[index - 1] != '\n'))
        {
            return text;
        }

        removed.Insert(0, new RemovedText("kicker", text[..index].Trim()));
        return text[index..];
    }

    /// <summary>The first &lt;h1&gt; outside navigation, sidebars and footers, with text of at most 300 characters: the
    /// article's headline.</summary>
    private static IElement? FindHeadline(IDocument document)
    {
        var h1 = document.QuerySelectorAll("h1")
            .FirstOrDefault(element => element.Closest("nav, aside, footer, [role=navigation], [role=complementary]") is null);
        return h1 is not null && VisibleTextLength(h1) is > 0 and <= 300 ? h1 : null;
    }

    private static string? FindTitle(IDocument document) =>
        NonEmpty(document.QuerySelector("title")?.TextContent)
        ?? NonEmpty(document.QuerySelector("meta[property='og:title'], meta[name='og:title']")?.GetAttribute("content"))
        ?? NonEmpty(document.QuerySelector("h1")?.TextContent);

    private static string? NonEmpty(string? text) => CollapseWhitespace(text ?? string.Empty) is { Length: > 0 } collapsed ? collapsed : null;

    private static IElement? FindMainCandidate(IDocument document, CancellationToken cancellationToken)
    {
        // The first of the candidates with the most text outside links (as a stable descending sort would pick).
        IElement? article = null;
        var articleLength = 0;
        var bestScore = int.MinValue;
        foreach (var element in ElementWalk.Where(document, static element => element.LocalName == "article" || element.GetAttribute("itemprop") == "articleBody"
            || IsArticleItem(element)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (IsNoise(element))
            {
                continue;
            }

            var length = VisibleTextLength(element);
            var score = DistinctOwnTextLength(element);
            if (article is null || score > bestScore)
            {
                (article, articleLength, bestScore) = (element, length, score);
            }
        }

        if (article is not null && SectionsAround(article, bestScore) is { } sections)
        {
            return sections;
        }

        if (article is not null && articleLength >= MinMainTextLength)
        {
            return article;
        }

        return ElementWalk.Where(document, static element => element.LocalName == "main" || element.GetAttribute("role") == "main").FirstOrDefault() ?? article;
    }

    /// <summary>An element that schema.org microdata declares to be an article or a recipe (<c>itemscope
    /// itemtype="https://schema.org/NewsArticle"</c>): a candidate like an <c>&lt;article&gt;</c>.</summary>
    private static bool IsArticleItem(IElement element) =>
        element.HasAttribute("itemscope") && element.GetAttribute("itemtype") is { } type
        && ArticleItemTypeRegex().IsMatch(type);

    [GeneratedRegex(@"schema\.org/(?:Article|NewsArticle|BlogPosting|Report|ScholarlyArticle|TechArticle|Recipe)/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex ArticleItemTypeRegex();

    /// <summary>
    /// Pages built of content blocks (a CMS's text elements, a site builder's sections) mark each section of one text
    /// as an <c>&lt;article&gt;</c>. When the largest one's sibling articles of prose (under 30 % links: not a list of
    /// teasers) hold at least as much text as it does, their parent is the content.
    /// </summary>
    private static IElement? SectionsAround(IElement article, int articleText)
    {
        if (article.ParentElement is not { LocalName: not ("body" or "html") } parent)
        {
            return null;
        }

        var siblingText = 0;
        foreach (var sibling in parent.Children)
        {
            if (sibling != article && sibling.LocalName == "article" && IsProseSection(sibling))
            {
                siblingText += DistinctOwnTextLength(sibling);
            }
        }
        return siblingText > 0 && siblingText >= articleText ? parent : SameBlocksAround(article, articleText);
    }

    /// <summary>Sections of the same template block, each wrapped in its own container (a page builder's
    /// <c>&lt;section&gt;&lt;div&gt;&lt;article class="ImageText"&gt;</c> blocks): the nearest ancestor, up to
    /// <see cref="MaxSectionLevels"/> above the article, whose other articles of the article's class are prose and
    /// hold at least as much text as it does. Blocks named as teasers summarise other pages.</summary>
    private static IElement? SameBlocksAround(IElement article, int articleText)
    {
        var className = article.GetAttribute("class");
        if (string.IsNullOrWhiteSpace(className) || className.Contains("teaser", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var ancestor = article.ParentElement;
        for (var level = 1; level < MaxSectionLevels && ancestor is { ParentElement: { LocalName: not ("body" or "html") } grandparent }; level++)
        {
            ancestor = grandparent;
            var sameText = 0;
            foreach (var other in ElementWalk.Where(ancestor, element => element.LocalName == "article" && element != article
                && element.GetAttribute("class") == className && !element.Contains(article) && !article.Contains(element)))
            {
                sameText += IsSameTemplateProse(other) ? DistinctOwnTextLength(other) : 0;
            }
            if (sameText > 0)
            {
                return sameText >= articleText ? ancestor : null;
            }
        }
        return null;
    }

    private const int MaxSectionLevels = 4;

    /// <summary>
    /// An article split into blocks of one template (a site builder's text modules, a CMS's paragraph items, each
    /// <c>&lt;div class="module module-text x7f3"&gt;</c>) is chosen by one block, its largest. Walking up from the
    /// chosen block at most <see cref="MaxSectionLevels"/> levels, the first element with siblings of its own template
    /// (tag and class names, less those with digits, which are ids) decides: when some of them are prose (not named as
    /// noise, almost no links), their parent becomes the root, without what lies before the first of them or after the
    /// last (Readability appends a top candidate's siblings of the same class in the same way); when none is, the blocks
    /// are teasers and the chosen block stays. Layout classes alone (<c>row</c>, <c>column</c>) say nothing of a template.
    /// </summary>
    private static IElement WithSameTemplateBlocks(IElement root)
    {
        var current = root;
        for (var level = 0; level < MaxSectionLevels && current.ParentElement is { LocalName: not ("body" or "html") } parent; level++, current = parent)
        {
            if (TemplateSignature(current) is not { } signature)
            {
                continue;
            }
            var children = parent.Children;
            int first = int.MaxValue, last = -1, sameTemplate = 0;
            for (var i = 0; i < children.Length; i++)
            {
                var sibling = children[i];
                if (sibling == current)
                {
                    (first, last) = (Math.Min(first, i), Math.Max(last, i));
                }
                else if (sibling.LocalName == current.LocalName && TemplateSignature(sibling) == signature)
                {
                    sameTemplate++;
                    if (IsSameTemplateProse(sibling) && DistinctOwnTextLength(sibling) >= MinParagraphLength)
                    {
                        (first, last) = (Math.Min(first, i), Math.Max(last, i));
                    }
                }
            }
            if (sameTemplate == 0)
            {
                continue;
            }
            if (first == last)
            {
                return root;
            }
            for (var i = children.Length - 1; i >= 0; i--)
            {
                if (i < first || i > last)
                {
                    children[i].Remove();
                }
            }
            return parent;
        }
        return root;
    }

    private static readonly HashSet<string> s_layoutClasses = new(StringComparer.OrdinalIgnoreCase)
    {
        "row", "column", "columns", "col", "clearfix", "container", "wrapper", "inner", "grid", "cell",
    };

    /// <summary>An element's class names without those holding digits (ids, generated names), sorted; null when
    /// nothing but layout classes is left.</summary>
    private static string? TemplateSignature(IElement element)
    {
        var className = element.ClassName;
        if (string.IsNullOrWhiteSpace(className))
        {
            return null;
        }
        var tokens = className.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(token => !token.Any(char.IsDigit)).Order(StringComparer.Ordinal).ToList();
        return tokens.Count == 0 || tokens.All(s_layoutClasses.Contains) ? null : string.Join(' ', tokens);
    }

    // Teasers of one template share a class too, with their headlines linked: the blocks of one text have (almost) no links.
    private const double MaxSameBlockLinkDensity = 0.1;

    private static bool IsSameTemplateProse(IElement block) => !IsNoise(block) && LinkDensity(block) < MaxSameBlockLinkDensity;

    private static bool IsProseSection(IElement section) => !IsNoise(section) && LinkDensity(section) < MaxSectionLinkDensity;

    private static void RemoveChrome(IDocument document, IElement? main, IElement? body, List<RemovedText> removed, CancellationToken cancellationToken)
    {
        var bodyTextLength = body is null ? 0 : VisibleTextLength(body);
        foreach (var element in ElementWalk.Where(document, IsChrome))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (main is not null && element.Contains(main))
            {
                continue;
            }

            // Article headers hold the headline and byline; page headers are chrome.
            if (element.LocalName == "header" && element.Closest("article") is not null)
            {
                continue;
            }

            if (element.LocalName == "form" && HoldsShareOfPage(element, bodyTextLength, FormShareOfPage))
            {
                continue;
            }

            Drop(element, ChromeLabel(element), removed);
        }

        var labels = new Dictionary<(string?, string?), string?>();
        foreach (var element in ElementWalk.Where(document,
            static element => element.HasAttribute("class") || element.HasAttribute("id") || element.HasAttribute("style") || element.LocalName == "figcaption"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (s_protectedElements.Contains(element.LocalName) || (main is not null && element.Contains(main)) || IsDetached(element))
            {
                continue;
            }

            if (element.LocalName == "figcaption")
            {
                Drop(element, "caption", removed);
            }
            else if (CachedNoiseLabel(element, labels) is { } label && !IsContentUnderANoiseName(element, label, bodyTextLength))
            {
                Drop(element, label, removed);
            }
            else if (IsHiddenByStyle(element))
            {
                Drop(element, "hidden", removed);
            }
        }
    }

    /// <summary>
    /// Templates put widget names on the article's own wrappers. An element named as noise is content after all when
    /// it holds over a third of the page's text (Blogger's <c>widget Blog</c> around every post, a
    /// <c>sidebar_content</c> column, a <c>print-only</c> column), comments excepted, which can outgrow the article; or,
    /// for share and paywall names, when it also names the content, by Readability's "maybe a candidate" words
    /// (<c>documentContent__sharingContainer</c>, <c>entry__content steady-paywall-container</c>).
    /// </summary>
    private static bool IsContentUnderANoiseName(IElement element, string label, int bodyTextLength) =>
        (label != CommentsLabel && HoldsShareOfPage(element, bodyTextLength, NoiseNamedShareOfPage))
        || (label is "share" or "subscribe"
            && (ContentNameRegex().IsMatch(element.Id ?? string.Empty) || ContentNameRegex().IsMatch(element.ClassName ?? string.Empty)));

    private static bool HoldsShareOfPage(IElement element, int bodyTextLength, double share) =>
        bodyTextLength > 0 && VisibleTextLength(element) > share * bodyTextLength;

    [GeneratedRegex("article|body|column|content|main|shadow", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex ContentNameRegex();

    /// <summary>True when an ancestor was already removed: its text is in the audit once, with the ancestor.</summary>
    private static bool IsDetached(IElement element)
    {
        var top = element;
        while (top.ParentElement is { } parent)
        {
            top = parent;
        }

        return top.Parent is not IDocument;
    }

    // Pages repeat the same class lists hundreds of times (one per comment, list item, ad slot).
    private static string? CachedNoiseLabel(IElement element, Dictionary<(string?, string?), string?> labels)
    {
        var key = (element.Id, element.ClassName);
        if (!labels.TryGetValue(key, out var label))
        {
            label = NoiseLabel(element);
            labels[key] = label;
        }

        return label;
    }

    /// <summary>Removes <paramref name="element"/>, its text going to the audit under <paramref name="label"/>.</summary>
    internal static void Drop(IElement element, string label, List<RemovedText> removed)
    {
        var text = VisibleText(element);
        if (text.Length > 0)
        {
            removed.Add(new RemovedText(label, text));
        }

        element.Remove();
    }

    private static bool IsChrome(IElement element) =>
        s_chromeElements.Contains(element.LocalName) || (element.GetAttribute("role") is { } role && s_chromeRoles.Contains(role));

    private static string ChromeLabel(IElement element) => element.LocalName switch
    {
        "nav" or "menu" => "nav",
        "header" => "header",
        "footer" => "footer",
        "aside" => "related",
        "dialog" => "dialog",
        _ => element.GetAttribute("role") switch
        {
            "navigation" or "search" => "nav",
            "banner" => "header",
            "contentinfo" => "footer",
            "complementary" => "related",
            "dialog" => "dialog",
            _ => "form",
        },
    };

    /// <summary>The audit label of the widget that the element's id or class names (Html/noise-names.txt), or null.</summary>
    private static string? NoiseLabel(IElement element) => NoiseNames.Embedded.LabelOf(element.Id, element.ClassName);

    private static bool IsNoise(IElement element) => NoiseLabel(element) is not null;

    private static bool IsHiddenByStyle(IElement element)
    {
        var style = element.GetAttribute("style");
        return style is not null && HiddenStyleRegex().IsMatch(style);
    }

    /// <summary>The &lt;article&gt;/&lt;main&gt; candidate, unless the densest block outside it holds more text that
    /// is not links: pages mark teasers, a service box or a standfirst as &lt;article&gt; while the body sits in a plain
    /// &lt;div&gt; (on trafilatura's benchmark 17 pages fewer with nothing of their article, F1 0.828 → 0.837).</summary>
    private static (IElement? Root, IReadOnlyList<IElement> Lead) ChooseRoot(IElement? main, IElement? body, CancellationToken cancellationToken)
    {
        var root = ChooseRootByDensity(main, body, cancellationToken);
        if (root is null || body is null
            || BodyContainer.Embedded.Find(body, MinBodyContainerLength, OwnTextLength, cancellationToken) is not { } named)
        {
            return (root, []);
        }

        var rootText = OwnTextLength(root);
        var namedText = OwnTextLength(named);
        if (root.Contains(named))
        {
            // The standfirst: up to two paragraphs of the wider candidate after its headline and before the named body.
            return namedText >= BodyContainerShareOfRoot * rootText
                ? (named, StandfirstBlocks(root, root.QuerySelector("h1"), named, "p, div", MinLeadLength, cancellationToken).TakeLast(2).ToList())
                : (root, []);
        }
        if (named.Contains(root))
        {
            return rootText < RootShareOfBodyContainer * namedText ? (named, []) : (root, []);
        }
        return namedText > rootText ? (named, []) : (root, []);
    }

    /// <summary>
    /// What follows the article's last prose inside the chosen block (an author box, "More topics", a caption, "back
    /// to the list") goes: from the end, each block of text that does not read as prose is removed, up to the last
    /// prose block. Lists, tables, code and quotes end the trim: an article may end with its list of measures.
    /// </summary>
    private static void TrimTrailingBlocks(IElement root, List<RemovedText> removed, CancellationToken cancellationToken)
    {
        for (var i = 0; i < MaxTrailingBlocks; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var block = LastTextBlock(root);
            if (block is null || block == root || block.Closest(StructuredBlockSelector) is { } structured && root.Contains(structured)
                || Boilerplate.ProseRun.IsProse(VisibleText(block)))
            {
                return;
            }

            Drop(block, AfterBodyLabel, removed);
        }
    }

    /// <summary>The block element (within <paramref name="root"/>) around the last text of <paramref name="root"/>.</summary>
    private static IElement? LastTextBlock(IElement root)
    {
        INode? node = root;
        while (node is not null && node.NodeType != NodeType.Text)
        {
            var children = node.ChildNodes;
            INode? next = null;
            for (var i = children.Length - 1; i >= 0 && next is null; i--)
            {
                var child = children[i];
                if ((child is IElement || child.NodeType == NodeType.Text) && DomText.CollapsedLength(child) > 0)
                {
                    next = child;
                }
            }
            if (next is null)
            {
                return null;
            }

            node = next;
        }

        var block = node?.ParentElement;
        while (block is not null && block != root && !s_blockElements.Contains(block.LocalName))
        {
            block = block.ParentElement;
        }
        return block;
    }

    /// <summary>
    /// The standfirst that templates put between the headline and the body: blocks of prose (no paragraph inside, at
    /// least <paramref name="minimumLength"/> characters, under 30 % links) of <paramref name="scope"/> after
    /// <paramref name="headline"/> (or from the start when there is none) and before <paramref name="body"/>, in
    /// document order.
    /// </summary>
    private static List<IElement> StandfirstBlocks(IElement scope, IElement? headline, IElement body, string selector, int minimumLength,
        CancellationToken cancellationToken)
    {
        var blocks = new List<IElement>();
        foreach (var element in scope.QuerySelectorAll(selector))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if ((headline is not null && !IsBefore(headline, element)) || element.Contains(body))
            {
                continue;
            }
            if (!IsBefore(element, body))
            {
                break;
            }
            if (!HasParagraphInside(element) && VisibleTextLength(element) >= minimumLength
                && LinkDensity(element) < MaxLeadLinkDensity && !blocks.Any(kept => kept.Contains(element)))
            {
                blocks.Add(element);
            }
        }
        return blocks;
    }

    /// <summary>The lowest element that holds both <paramref name="first"/> and <paramref name="second"/>.</summary>
    private static IElement? CommonAncestor(IElement first, IElement second)
    {
        var common = first.ParentElement;
        while (common is not null && !common.Contains(second))
        {
            common = common.ParentElement;
        }
        return common;
    }

    private static bool IsBefore(INode first, INode second) =>
        (first.CompareDocumentPosition(second) & DocumentPositions.Following) != 0;

    private static IElement? ChooseRootByDensity(IElement? main, IElement? body, CancellationToken cancellationToken)
    {
        var candidate = main is not null && VisibleTextLength(main) >= MinMainTextLength ? main : null;
        var densest = FindDensestBlock(body, cancellationToken);
        if (candidate is null || densest is null || candidate.Contains(densest) || densest.Contains(candidate))
        {
            return candidate ?? densest;
        }
        return DistinctOwnTextLength(densest) > DistinctOwnTextLength(candidate) ? densest : candidate;
    }

    private static int OwnTextLength(IElement element) => VisibleTextLength(element) - LinkTextLength(element);

    private static int DistinctOwnTextLength(IElement element) => DomText.DistinctLength(element, MaxRepetitions) - LinkTextLength(element);

    /// <summary>Readability-style scoring: paragraphs vote for their parent (full) and grandparent (half).</summary>
    private static IElement? FindDensestBlock(IElement? body, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return null;
        }

        var scores = new Dictionary<IElement, double>();
        foreach (var block in ElementWalk.Where(body, static element => element.LocalName is "p" or "pre" or "td" or "blockquote" or "div"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (length, commas) = block.LocalName == "div" ? DomText.OwnLengthAndCommas(block) : DomText.LengthAndCommas(block);
            if (length < MinParagraphLength)
            {
                continue;
            }

            var score = 1 + commas + Math.Min(length / 100.0, 3);
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
            .Select(pair =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                return (Element: pair.Key, Score: pair.Value * (1 - LinkDensity(pair.Key)));
            })
            .OrderByDescending(pair => pair.Score)
            .First().Element;
    }

    private static double LinkDensity(IElement element)
    {
        var textLength = VisibleTextLength(element);
        return textLength == 0 ? 1 : Math.Min(1, (double)LinkTextLength(element) / textLength);
    }

    private static int LinkTextLength(IElement element) => DomText.LinkLength(element);

    // By tag name: a selector string would be parsed again on every call.
    private static bool HasParagraphInside(IElement element) =>
        element.GetElementsByTagName("p").Length > 0 || element.GetElementsByTagName("div").Length > 0;

    private static string VisibleText(IElement element) => CollapseWhitespace(element.TextContent);

    private static int VisibleTextLength(IElement element) => DomText.CollapsedLength(element);

    /// <summary>
    /// Appends the text of <paramref name="root"/>, block elements as paragraph breaks. Iterative: hostile pages
    /// nest elements deeper than the call stack allows.
    /// </summary>
    internal static void Render(INode? root, StringBuilder builder, CancellationToken cancellationToken = default)
    {
        if (root is null)
        {
            return;
        }

        var stack = new Stack<(INode Node, bool Preformatted, bool Closing)>();
        stack.Push((root, false, false));
        while (stack.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (node, preformatted, closing) = stack.Pop();
            if (node.NodeType == NodeType.Text)
            {
                if (preformatted)
                {
                    builder.Append(node.TextContent);
                }
                else
                {
                    WhitespaceCollapser.AppendCollapsed(builder, node.TextContent);
                }

                continue;
            }

            if (node is not IElement element)
            {
                continue;
            }

            var name = element.LocalName;
            if (name is "rt" or "rp")
            {
                // Ruby annotations (furigana, pinyin) read beside the text they annotate, not inside it.
                continue;
            }

            var separator = s_blockElements.Contains(name) ? "\n\n" : name is "td" or "th" ? " " : string.Empty;
            if (closing)
            {
                builder.Append(separator);
                continue;
            }

            if (name is "br" or "hr")
            {
                builder.Append("\n\n");
                continue;
            }

            builder.Append(separator);
            stack.Push((node, preformatted, true));
            var childPreformatted = preformatted || name == "pre";
            // By index: AngleSharp's PreviousSibling searches the parent's child list, quadratic on wide pages.
            var children = element.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                stack.Push((children[i], childPreformatted, false));
            }
        }
    }

    private static string CollapseWhitespace(string text) => WhitespaceCollapser.CollapseAndTrim(text);

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex HiddenStyleRegex();
}
