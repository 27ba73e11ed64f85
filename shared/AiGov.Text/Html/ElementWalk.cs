using AngleSharp.Dom;

namespace AiGov.Text.Html;

/// <summary>
/// One iterative walk of the child lists under a node, in document order: the elements for which a predicate holds
/// (where the extraction tested every element of the page against a selector list: AngleSharp's
/// <c>QuerySelectorAll</c> matches each selector of the list on each element and grows its result list as it goes,
/// docs/CLEANING.md), or the text nodes (<see cref="DomText"/>). Hostile pages nest deeper than a recursive walk may go.
/// </summary>
internal static class ElementWalk
{
    // One per thread, reused: growing a new stack on every walk was half of the walking. A walk never starts another
    // (visitors and predicates only read the node they are given), so one stack serves every walk of the thread.
    [ThreadStatic]
    private static Stack<(INode Node, int Next)>? s_stack;

    /// <summary>Called for the nodes of a walk.</summary>
    internal interface IVisitor
    {
        /// <summary>An element under the root, before its children.</summary>
        void Element(IElement element);

        /// <summary>An element under the root, after its children.</summary>
        void Leave(IElement element);

        /// <summary>The data of a text node under the root.</summary>
        void Text(string data);
    }

    /// <summary>The elements under <paramref name="root"/> (not <paramref name="root"/> itself) for which
    /// <paramref name="predicate"/> holds, in document order.</summary>
    public static List<IElement> Where(INode root, Func<IElement, bool> predicate)
    {
        var collector = new Collector(predicate);
        Walk(root, ref collector);
        return collector.Found;
    }

    /// <summary>Every element under <paramref name="root"/>, in document order.</summary>
    public static List<IElement> All(INode root) => Where(root, static _ => true);

    /// <summary>Feeds the elements and text nodes under <paramref name="root"/> to <paramref name="visitor"/> in
    /// document order (a text node given as the root is fed itself).</summary>
    public static void Walk<TVisitor>(INode root, ref TVisitor visitor)
        where TVisitor : struct, IVisitor
    {
        if (root.NodeType == NodeType.Text)
        {
            visitor.Text(((ICharacterData)root).Data);
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
                if (node != root && node is IElement left)
                {
                    visitor.Leave(left);
                }
                continue;
            }

            stack.Push((node, next + 1));
            var child = children[next];
            if (child is IElement element)
            {
                visitor.Element(element);
                if (element.HasChildNodes)
                {
                    stack.Push((element, 0));
                }
                else
                {
                    visitor.Leave(element);
                }
            }
            else if (child.NodeType == NodeType.Text)
            {
                visitor.Text(((ICharacterData)child).Data);
            }
        }
    }

    private struct Collector(Func<IElement, bool> predicate) : IVisitor
    {
        public List<IElement> Found { get; } = [];

        public readonly void Element(IElement element)
        {
            if (predicate(element))
            {
                Found.Add(element);
            }
        }

        public readonly void Leave(IElement element)
        {
        }

        public readonly void Text(string data)
        {
        }
    }
}
