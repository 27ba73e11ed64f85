namespace AiGov.Contracts;

/// <summary>A piece of the original text the cleaner dropped, and why: kept so a user can see what disappeared.</summary>
public record RemovedBlock
{
    /// <summary>nav, related, comments, sponsored, footer, credit, foreign-tail, …</summary>
    public required string Label { get; init; }

    public required string Text { get; init; }
}
