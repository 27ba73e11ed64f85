using AiGov.Contracts;
using AiGov.Text;

namespace AiGov.Cleaner;

/// <summary>Maps the cleaning library's result onto the <see cref="CleanContent"/> message contract.</summary>
public static class CleanContentMapper
{
    public static CleanContent ToContent(CleanedDocument cleaned) => new()
    {
        Title = cleaned.Title,
        Text = cleaned.CleanText,
        ContentSha256 = cleaned.ContentSha256,
        SourceFormat = SourceFormats.Name(cleaned.Format),
        Encoding = cleaned.EncodingName,
        Metadata = ToMetadata(cleaned.Metadata),
        RemovedBlocks = cleaned.Removed.Select(block => new RemovedBlock { Label = block.Label, Text = block.Text }).ToList(),
    };

    private static DocumentMetadata? ToMetadata(ArticleMetadata metadata) =>
        metadata == ArticleMetadata.Empty
            ? null
            : new DocumentMetadata
            {
                PublishedAt = metadata.PublishedAt,
                Source = metadata.Source,
                SourceUrl = metadata.SourceUrl,
                Author = metadata.Author,
            };
}
