using AngleSharp.Dom;

namespace AiGov.Text.Html;

/// <summary>
/// Lengths of an element's text as <see cref="WhitespaceCollapser.CollapsedTrimmedLength"/> would count its
/// <c>TextContent</c>, read from the text nodes without building the string: the extraction measures thousands of
/// elements a page, and <c>TextContent</c> allocates a copy of the whole subtree's text each time (docs/CLEANING.md).
/// </summary>
internal static class DomText
{
    // One per thread, reused: a new stack per call was a tenth of the measuring.
    [ThreadStatic]
    private static Stack<(INode Node, int Next)>? s_stack;

    [ThreadStatic]
    private static Dictionary<ulong, int>? s_seen;

    /// <summary>The length of the element's text, whitespace runs counted as one space, ends trimmed.</summary>
    public static int CollapsedLength(INode root)
    {
        var counter = new CollapsedCounter();
        Visit(root, ref counter);
        return counter.Length;
    }

    /// <summary><see cref="CollapsedLength"/> and the number of commas (<c>,</c> <c>，</c> <c>、</c>) of the element's text.</summary>
    public static (int Length, int Commas) LengthAndCommas(INode root)
    {
        var counter = new CollapsedCounter();
        Visit(root, ref counter);
        return (counter.Length, counter.Commas);
    }

    /// <summary>
    /// The length of the element's text counting each text node's text at most <paramref name="maxRepetitions"/>
    /// times: a widget that repeats its labels under every picture of a gallery ("Rate this picture", "Thank you!")
    /// is long but says little (trafilatura's duplicate test).
    /// </summary>
    public static int DistinctLength(INode root, int maxRepetitions)
    {
        (s_seen ??= []).Clear();
        var counter = new DistinctCounter(maxRepetitions);
        Visit(root, ref counter);
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
        Visit(root, ref counter);
        return counter.Words;
    }

    /// <summary>Feeds the text nodes under <paramref name="root"/> (or <paramref name="root"/> itself when it is one)
    /// to <paramref name="visitor"/> in document order, without recursion.</summary>
    private static void Visit<TVisitor>(INode root, ref TVisitor visitor)
        where TVisitor : struct, ITextVisitor
    {
        if (root.NodeType == NodeType.Text)
        {
            visitor.Add(((ICharacterData)root).Data);
            return;
        }

        var stack = s_stack ??= new Stack<(INode Node, int Next)>();
        stack.Clear();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            var children = node.ChildNodes;
            if (next >= children.Length)
            {
                continue;
            }

            stack.Push((node, next + 1));
            var child = children[next];
            if (child.NodeType == NodeType.Text)
            {
                visitor.Add(((ICharacterData)child).Data);
            }
            else if (child.NodeType == NodeType.Element && child.HasChildNodes)
            {
                stack.Push((child, 0));
            }
        }
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

    private interface ITextVisitor
    {
        void Add(string text);
    }

    /// <summary>Counts the collapsed, trimmed length of text fed in pieces, as if the pieces were one string.</summary>
    private struct CollapsedCounter : ITextVisitor
    {
        private bool _pendingSpace;

        public int Length { get; private set; }

        public int Commas { get; private set; }

        public void Add(string text)
        {
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c))
                {
                    _pendingSpace = Length > 0;
                    continue;
                }

                Length += _pendingSpace ? 2 : 1;
                _pendingSpace = false;
                if (c is ',' or '，' or '、')
                {
                    Commas++;
                }
            }
        }
    }

    private struct DistinctCounter(int maxRepetitions) : ITextVisitor
    {
        private const ulong FnvOffset = 14695981039346656037;
        private const ulong FnvPrime = 1099511628211;

        public int Length { get; private set; }

        public void Add(string text)
        {
            // FNV-1a of the node's collapsed, trimmed text, counted without building it.
            var hash = FnvOffset;
            var length = 0;
            var pendingSpace = false;
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = length > 0;
                    continue;
                }

                if (pendingSpace)
                {
                    hash = (hash ^ ' ') * FnvPrime;
                }
                hash = (hash ^ c) * FnvPrime;
                length += pendingSpace ? 2 : 1;
                pendingSpace = false;
            }
            if (length == 0)
            {
                return;
            }

            var seen = s_seen ??= new Dictionary<ulong, int>();
            var count = seen.GetValueOrDefault(hash) + 1;
            seen[hash] = count;
            if (count <= maxRepetitions)
            {
                Length += length + (Length > 0 ? 1 : 0);
            }
        }
    }

    private struct WordCounter : ITextVisitor
    {
        public int Words { get; private set; }

        public void Add(string text) => Words += WhitespaceCollapser.WordCount(text);
    }
}
