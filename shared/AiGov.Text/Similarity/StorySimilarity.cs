namespace AiGov.Text.Similarity;

/// <summary>How much two texts share of their names and numbers: shared anchors over the anchors of the smaller
/// text (overlap coefficient), so a short report of an event matches the long one it summarises.</summary>
public static class StorySimilarity
{
    public static double Overlap(int sharedAnchors, int anchorsOfA, int anchorsOfB)
    {
        var smaller = Math.Min(anchorsOfA, anchorsOfB);
        return smaller == 0 ? 0 : (double)sharedAnchors / smaller;
    }

    public static double Overlap(IReadOnlySet<ulong> a, IReadOnlySet<ulong> b) =>
        Overlap(a.Count(b.Contains), a.Count, b.Count);
}
