namespace AiGov.Contracts;

/// <summary>What the cleaner found about a document besides its text.</summary>
public record DocumentMetadata
{
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>The site or agency the text comes from ("XinhuaNet").</summary>
    public string? Source { get; init; }

    public string? SourceUrl { get; init; }

    public string? Author { get; init; }
}
