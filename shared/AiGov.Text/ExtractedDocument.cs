namespace AiGov.Text;

/// <summary>What a format reader produced before boilerplate removal.</summary>
/// <param name="Title">The title the format itself declares (document properties, &lt;title&gt;), or null.</param>
/// <param name="Text">Normalised text, paragraphs separated by blank lines.</param>
/// <param name="Removed">What the reader dropped itself (page headers, HTML chrome), in document order.</param>
/// <param name="Metadata">What the format itself declares about the document.</param>
public sealed record ExtractedDocument(string? Title, string Text, IReadOnlyList<RemovedText> Removed, ArticleMetadata Metadata);
