namespace AiGov.Text;

/// <summary>What the page says about the article besides its text; every field is null when not found.</summary>
/// <param name="PublishedAt">Publication date and time; a wall time without a zone is taken as UTC.</param>
/// <param name="Source">The site or agency ("XinhuaNet", "edition.cnn.com").</param>
/// <param name="SourceUrl">The article's own address (canonical link, og:url or a "Source: https://…" line).</param>
/// <param name="Author">The byline's name(s).</param>
public sealed record ArticleMetadata(DateTimeOffset? PublishedAt, string? Source, string? SourceUrl, string? Author)
{
    public static ArticleMetadata Empty { get; } = new(null, null, null, null);

    /// <summary>This metadata with its missing fields taken from <paramref name="fallback"/>.</summary>
    public ArticleMetadata Or(ArticleMetadata fallback) => new(
        PublishedAt ?? fallback.PublishedAt,
        Source ?? fallback.Source,
        SourceUrl ?? fallback.SourceUrl,
        Author ?? fallback.Author);
}
