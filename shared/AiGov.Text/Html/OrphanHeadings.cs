using AngleSharp.Dom;

namespace AiGov.Text.Html;

/// <summary>
/// A heading with no text under it heads nothing: the section it introduced ("Read more", "Most discussed", "More
/// from the region") was a block of links, pruned, or it titles the next heading's teasers. jusText keeps a heading
/// only when good text follows it closely (its <c>max_heading_distance</c>); here a heading (h2–h6) of the chosen
/// content goes when no text follows it before the next heading or the end. A heading longer than
/// <see cref="MaxHeadingLength"/> characters is a standfirst or a paragraph set as a heading, and stays.
/// </summary>
internal static class OrphanHeadings
{
    public const string Label = "empty-section";

    public const int MaxHeadingLength = 100;

    public static void Drop(IElement root, List<RemovedText> removed, CancellationToken cancellationToken = default)
    {
        var orphans = new List<IElement>();
        IElement? heading = null;
        var inHeading = false;
        var textUnder = 0;
        var stack = new Stack<(INode Node, int Next)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (node, next) = stack.Pop();
            var children = node.ChildNodes;
            if (next >= children.Length)
            {
                inHeading = inHeading && node != heading;
                continue;
            }

            stack.Push((node, next + 1));
            var child = children[next];
            if (child is IElement element)
            {
                if (!inHeading && IsHeading(element))
                {
                    AddIfOrphan(heading, textUnder, orphans);
                    (heading, inHeading, textUnder) = (element, true, 0);
                }
                stack.Push((element, 0));
            }
            else if (child.NodeType == NodeType.Text && !inHeading)
            {
                textUnder += WhitespaceCollapser.CollapsedTrimmedLength(((ICharacterData)child).Data);
            }
        }
        AddIfOrphan(heading, textUnder, orphans);

        foreach (var orphan in orphans)
        {
            HtmlExtractor.Drop(orphan, Label, removed);
        }
    }

    private static void AddIfOrphan(IElement? heading, int textUnder, List<IElement> orphans)
    {
        if (heading is not null && textUnder == 0 && DomText.CollapsedLength(heading) <= MaxHeadingLength)
        {
            orphans.Add(heading);
        }
    }

    private static bool IsHeading(IElement element) => element.LocalName is "h2" or "h3" or "h4" or "h5" or "h6";
}
