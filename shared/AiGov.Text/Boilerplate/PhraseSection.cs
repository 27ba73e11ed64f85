namespace AiGov.Text.Boilerplate;

/// <summary>One section of a phrase list file: phrases sharing a label, a kind and limits.</summary>
internal sealed record PhraseSection(string Label, PhraseKind Kind, int MaxLength, double MinPosition, IReadOnlyList<string> Phrases)
{
    public const int DefaultMaxLength = 200;
    public const double DefaultMinPosition = 0.5;
}
