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
        var sections = new SectionReader([]);
        ElementWalk.Walk(root, ref sections);
        sections.EndSection();
        foreach (var heading in sections.HeadingsOfNothing)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (DomText.CollapsedLength(heading) <= MaxHeadingLength)
            {
                HtmlExtractor.Drop(heading, Label, removed);
            }
        }
    }

    /// <summary>Collects, in one walk, the headings with no text between them and the next heading or the end.</summary>
    private struct SectionReader(List<IElement> headingsOfNothing) : ElementWalk.IVisitor
    {
        private IElement? _heading;
        private bool _inHeading;
        private int _textUnder;

        public readonly List<IElement> HeadingsOfNothing => headingsOfNothing;

        public void Element(IElement element)
        {
            if (!_inHeading && element.LocalName is "h2" or "h3" or "h4" or "h5" or "h6")
            {
                EndSection();
                (_heading, _inHeading, _textUnder) = (element, true, 0);
            }
        }

        public void Leave(IElement element) => _inHeading = _inHeading && element != _heading;

        public void Text(string data)
        {
            if (!_inHeading)
            {
                _textUnder += WhitespaceCollapser.CollapsedTrimmedLength(data);
            }
        }

        public readonly void EndSection()
        {
            if (_heading is not null && _textUnder == 0)
            {
                headingsOfNothing.Add(_heading);
            }
        }
    }
}
