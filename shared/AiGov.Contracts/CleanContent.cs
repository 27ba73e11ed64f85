namespace AiGov.Contracts;

/// <summary>The article as the cleaner kept it.</summary>
public record CleanContent
{
    public string? Title { get; init; }

    /// <summary>Article text: boilerplate removed, Unicode NFC, paragraphs separated by a blank line.</summary>
    public required string Text { get; init; }

    /// <summary>SHA-256 of the normalised clean text: the exact-duplicate key.</summary>
    public required string ContentSha256 { get; init; }

    /// <summary>plain_text, markdown, html, pdf or docx.</summary>
    public required string SourceFormat { get; init; }

    /// <summary>The character encoding the bytes were decoded with.</summary>
    public required string Encoding { get; init; }

    public DocumentMetadata? Metadata { get; init; }

    /// <summary>What cleaning dropped, in document order.</summary>
    public IReadOnlyList<RemovedBlock> RemovedBlocks { get; init; } = [];
}
