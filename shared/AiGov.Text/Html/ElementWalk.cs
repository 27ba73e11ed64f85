using AngleSharp.Dom;

namespace AiGov.Text.Html;

/// <summary>
/// The elements under a node in document order, gathered by one iterative walk of the child lists. Used where the
/// extraction tested every element of the page against a selector list: AngleSharp's <c>QuerySelectorAll</c> matches
/// each selector of the list on each element and grows its result list as it goes (docs/CLEANING.md, where the time
/// goes), and hostile pages nest deeper than a recursive walk may go.
/// </summary>
internal static class ElementWalk
{
    // One per thread, reused: growing a new stack on every walk was half of the walking.
    [ThreadStatic]
    private static Stack<(INode Node, int Next)>? s_stack;

    /// <summary>The elements under <paramref name="root"/> (not <paramref name="root"/> itself) for which
    /// <paramref name="predicate"/> holds, in document order.</summary>
    public static List<IElement> Where(INode root, Func<IElement, bool> predicate)
    {
        var found = new List<IElement>();
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
            if (children[next] is IElement element)
            {
                if (predicate(element))
                {
                    found.Add(element);
                }
                if (element.HasChildNodes)
                {
                    stack.Push((element, 0));
                }
            }
        }

        return found;
    }

    /// <summary>Every element under <paramref name="root"/>, in document order.</summary>
    public static List<IElement> All(INode root) => Where(root, static _ => true);
}
