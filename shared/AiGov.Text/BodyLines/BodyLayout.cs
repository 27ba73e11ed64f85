namespace AiGov.Text.BodyLines;

/// <summary>What the prose-run scan found in a text's lines: each line's score (its length when it reads as prose, 0
/// when it reads as a headline, a cost when it is neither), the best run of prose, and the stretch of lines the runs
/// kept with it make the body (<see cref="Boilerplate.ProseRun"/>).</summary>
/// <param name="Lines">The text's non-empty lines, trimmed.</param>
/// <param name="Scores">Each line's score.</param>
/// <param name="BestStart">First line of the best run.</param>
/// <param name="BestEnd">Last line of the best run.</param>
/// <param name="BestSum">The best run's sum.</param>
/// <param name="First">First line of the body stretch.</param>
/// <param name="Last">Last line of the body stretch.</param>
/// <param name="HeadlineLines">How many lines at the start of the stretch (0–2) were taken for its headline and
/// subheading.</param>
internal sealed record BodyLayout(IReadOnlyList<string> Lines, int[] Scores, int BestStart, int BestEnd, int BestSum, int First, int Last, int HeadlineLines)
{
    /// <summary>Whether the line is the body's headline or subheading, at the top of the stretch.</summary>
    public bool IsHeadline(int line) => line >= First && line < First + HeadlineLines;

    public bool InStretch(int line) => line >= First && line <= Last;
}
