using AngleSharp.Dom;

namespace AiGov.Text.Html;

/// <summary>
/// Removes from the chosen content the small blocks that are mostly links: related-story lists, tag lists, pagination,
/// "read more" lines, author boxes. trafilatura's link-density test (its <c>prune_unwanted_sections</c>): only blocks
/// shorter than a limit are tested, so a long paragraph that cites many sources stays whatever its links.
/// </summary>
internal static class LinkDensePruner
{
    // A link text shorter than this counts as a short link (a tag, a page number, a section name).
    private const int ShortLinkLength = 10;

    // Share of the text in links, and of the links that are short, above which a tested block is a link block.
    private const double LinkShare = 0.8;

    // Backtracking (divs only): a short div of three or more children with any link is a widget, not prose.
    private const int BacktrackingTextLength = 100;
    private const int BacktrackingChildren = 3;

    public const string Label = "links";

    /// <summary>Removes the link blocks inside <paramref name="root"/> (never <paramref name="root"/> itself).</summary>
    public static void Prune(IElement root, List<RemovedText> removed, CancellationToken cancellationToken = default)
    {
        // The order of trafilatura: divs twice (a div that loses its link blocks may be one itself), then lists, then
        // paragraphs.
        PruneAll(root, static element => element.LocalName == "div", backtracking: true, removed, cancellationToken);
        PruneAll(root, static element => element.LocalName == "div", backtracking: true, removed, cancellationToken);
        PruneAll(root, static element => element.LocalName is "ul" or "ol" or "dl" or "blockquote", backtracking: false, removed, cancellationToken);
        PruneAll(root, static element => element.LocalName == "p", backtracking: false, removed, cancellationToken);
    }

    private static void PruneAll(IElement root, Func<IElement, bool> kind, bool backtracking, List<RemovedText> removed, CancellationToken cancellationToken)
    {
        var doomed = new List<IElement>();
        foreach (var element in ElementWalk.Where(root, kind))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (IsLinkBlock(element, backtracking))
            {
                doomed.Add(element);
            }
        }

        foreach (var element in doomed)
        {
            if (element.Parent is null || !root.Contains(element))
            {
                continue;
            }

            if (element.PreviousElementSibling is { } previous && IsHeadingOf(previous))
            {
                HtmlExtractor.Drop(previous, Label, removed);
            }
            HtmlExtractor.Drop(element, Label, removed);
        }
    }

    /// <summary>A heading or a short label line ending in a colon ("Related", "Read also:") just before a link
    /// block introduces it and goes with it.</summary>
    private static bool IsHeadingOf(IElement element)
    {
        if (element.LocalName is "h2" or "h3" or "h4" or "h5" or "h6")
        {
            return true;
        }

        var text = WhitespaceCollapser.CollapseAndTrim(element.TextContent);
        return text.Length is > 0 and <= 60 && text[^1] is ':' or '?' or '»';
    }

    /// <summary>trafilatura's <c>link_density_test</c>, with its backtracking rule for divs.</summary>
    internal static bool IsLinkBlock(IElement element, bool backtracking)
    {
        var links = element.GetElementsByTagName("a");
        if (links.Length == 0)
        {
            return false;
        }

        var textLength = DomText.CollapsedLength(element);
        var isLast = element.NextElementSibling is null;
        var limit = element.LocalName == "p" ? (isLast ? 60 : 30) : (isLast ? 300 : 100);
        var linkTexts = 0;
        var linkLength = 0;
        var shortLinks = 0;
        if (textLength < limit || textLength <= ReadAlsoLength || (backtracking && textLength < BacktrackingTextLength))
        {
            foreach (var link in links)
            {
                var length = DomText.CollapsedLength(link);
                if (length == 0)
                {
                    continue;
                }

                linkTexts++;
                linkLength += length;
                if (length < ShortLinkLength)
                {
                    shortLinks++;
                }
            }
        }

        if (textLength < limit)
        {
            if (linkTexts == 0 || linkLength > LinkShare * textLength
                || (linkTexts > 1 && shortLinks > LinkShare * linkTexts))
            {
                return true;
            }
        }

        if (backtracking && linkTexts > 0 && textLength is > 0 and < BacktrackingTextLength
            && element.ChildElementCount >= BacktrackingChildren)
        {
            return true;
        }

        return textLength <= ReadAlsoLength && linkTexts > 0 && IsReadAlso(element, links[0], linkLength);
    }

    // A read-also line is one teaser: a label and a headline.
    private const int ReadAlsoLength = 250;
    private const int ReadAlsoLabelWords = 4;

    /// <summary>A line made of a short label ending in a colon and a link that holds the rest ("Read also: headline",
    /// "Lea también: …", "Czytaj też: …"): an inline teaser for another article, whatever its length.</summary>
    private static bool IsReadAlso(IElement element, IElement firstLink, int linkLength)
    {
        var text = WhitespaceCollapser.CollapseAndTrim(element.TextContent);
        var firstLinkText = WhitespaceCollapser.CollapseAndTrim(firstLink.TextContent);
        var labelEnd = firstLinkText.Length == 0 ? -1 : text.IndexOf(firstLinkText, StringComparison.Ordinal);
        if (labelEnd <= 0)
        {
            return false;
        }
        var label = text[..labelEnd].TrimEnd();
        return label.Length > 0 && label[^1] is (':' or '：') && WhitespaceCollapser.WordCount(label) <= ReadAlsoLabelWords
            && linkLength >= LinkShare * (text.Length - labelEnd);
    }
}
