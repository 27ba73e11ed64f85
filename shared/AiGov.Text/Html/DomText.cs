using AngleSharp.Dom;

namespace AiGov.Text.Html;

/// <summary>
/// Lengths of an element's text as <see cref="WhitespaceCollapser.CollapsedTrimmedLength"/> would count its
/// <c>TextContent</c>, read from the text nodes without building the string: the extraction measures thousands of
/// elements a page, and <c>TextContent</c> allocates a copy of the whole subtree's text each time (docs/CLEANING.md).
/// </summary>
internal static class DomText
{
    [ThreadStatic]
    private static Dictionary<ulong, int>? s_seen;

    /// <summary>The length of the element's text, whitespace runs counted as one space, ends trimmed.</summary>
    public static int CollapsedLength(INode root)
    {
        var counter = new LengthCounter();
        ElementWalk.Walk(root, ref counter);
        return counter.Collapsed.Length;
    }

    /// <summary><see cref="CollapsedLength"/> and the number of commas (<c>,</c> <c>，</c> <c>、</c>) of the element's text.</summary>
    public static (int Length, int Commas) LengthAndCommas(INode root)
    {
        var counter = new LengthCounter();
        ElementWalk.Walk(root, ref counter);
        return (counter.Collapsed.Length, counter.Commas);
    }

    /// <summary><see cref="LengthAndCommas"/> of the element's own text nodes, not its descendants'.</summary>
    public static (int Length, int Commas) OwnLengthAndCommas(IElement element)
    {
        var counter = new LengthCounter();
        foreach (var child in element.ChildNodes)
        {
            if (child.NodeType == NodeType.Text)
            {
                counter.Text(((ICharacterData)child).Data);
            }
        }
        return (counter.Collapsed.Length, counter.Commas);
    }

    /// <summary>
    /// The length of the element's text counting each text node's text at most <paramref name="maxRepetitions"/>
    /// times: a widget that repeats its labels under every picture of a gallery ("Rate this picture", "Thank you!")
    /// is long but says little (trafilatura's duplicate test).
    /// </summary>
    public static int DistinctLength(INode root, int maxRepetitions)
    {
        var seen = s_seen ??= [];
        seen.Clear();
        var counter = new DistinctCounter(maxRepetitions, seen);
        ElementWalk.Walk(root, ref counter);
        return counter.Length;
    }

    /// <summary>
    /// An upper bound of the words any rendering of the element's text can have: runs of characters between white
    /// space, each text node's edges counted as breaks (a block boundary between two text nodes splits a word when
    /// rendered).
    /// </summary>
    public static int WordCountBound(INode root)
    {
        var counter = new WordCounter();
        ElementWalk.Walk(root, ref counter);
        return counter.Words;
    }

    /// <summary>The sum of <see cref="CollapsedLength"/> over the element's links (every &lt;a&gt;, nested ones too).</summary>
    public static int LinkLength(IElement element)
    {
        var length = 0;
        foreach (var link in element.GetElementsByTagName("a"))
        {
            length += CollapsedLength(link);
        }
        return length;
    }

    private struct LengthCounter : ElementWalk.IVisitor
    {
        public WhitespaceCollapser.CollapsedLengthCounter Collapsed;

        public int Commas { get; private set; }

        public readonly void Element(IElement element)
        {
        }

        public readonly void Leave(IElement element)
        {
        }

        public void Text(string data)
        {
            Collapsed.Add(data);
            foreach (var c in data)
            {
                Commas += c is ',' or '，' or '、' ? 1 : 0;
            }
        }
    }

    private struct DistinctCounter(int maxRepetitions, Dictionary<ulong, int> seen) : ElementWalk.IVisitor
    {
        public int Length { get; private set; }

        public readonly void Element(IElement element)
        {
        }

        public readonly void Leave(IElement element)
        {
        }

        public void Text(string data)
        {
            var node = new WhitespaceCollapser.CollapsedLengthCounter();
            node.Add(data);
            if (node.Length == 0)
            {
                return;
            }

            var count = seen.GetValueOrDefault(node.Hash) + 1;
            seen[node.Hash] = count;
            if (count <= maxRepetitions)
            {
                Length += node.Length + (Length > 0 ? 1 : 0);
            }
        }
    }

    private struct WordCounter : ElementWalk.IVisitor
    {
        public int Words { get; private set; }

        public readonly void Element(IElement element)
        {
        }

        public readonly void Leave(IElement element)
        {
        }

        public void Text(string data) => Words += WhitespaceCollapser.WordCount(data);
    }
}
