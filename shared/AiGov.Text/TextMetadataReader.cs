using System.Text.RegularExpressions;

namespace AiGov.Text;

/// <summary>Reads publication date, source and author from the lines of a plain text (before boilerplate removal).</summary>
internal static partial class TextMetadataReader
{
    // Bylines and date lines count only near the top: further down they belong to teasers of other articles.
    private const int HeaderLines = 8;

    private const int MaxMetadataLine = 260;

    public static ArticleMetadata Read(string normalizedText)
    {
        DateTimeOffset? published = null;
        string? author = null;
        string? source = null;
        string? sourceUrl = null;
        var lineIndex = 0;
        foreach (var rawLine in normalizedText.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line.Length > MaxMetadataLine)
            {
                lineIndex += line.Length == 0 ? 0 : 1;
                continue;
            }

            var inHeader = lineIndex++ < HeaderLines;
            if (published is null && (inHeader || PublishedKeywordRegex().IsMatch(line)))
            {
                published = DatePatterns.FindFirst(line);
            }

            if (author is null && FindAuthor(line, inHeader) is { } name)
            {
                author = name;
            }

            if (MayNameSource(line) && SourceRegex().Match(line) is { Success: true } match)
            {
                var value = TrimTrailingDate(match.Groups["value"].Value);
                if (UrlRegex().IsMatch(value))
                {
                    sourceUrl = value;
                    source ??= HostOf(value);
                }
                else if (value.Length > 0)
                {
                    source = value;
                }
            }
        }

        return new ArticleMetadata(published, source, sourceUrl, author);
    }

    // "By Jane Doe" counts only in the header; "作者：张伟" / "Author: …" anywhere.
    private static string? FindAuthor(string line, bool inHeader)
    {
        var match = inHeader ? HeaderBylineRegex().Match(line) : Match.Empty;
        if (!match.Success && HasColon(line) && (line.Contains("Author", StringComparison.Ordinal) || line.Contains("作者", StringComparison.Ordinal)))
        {
            match = AuthorLabelRegex().Match(line);
        }

        return match.Success ? match.Groups["name"].Value.Trim() : null;
    }

    // AuthorLabelRegex and SourceRegex need a colon: without one they cannot match, and scanning is the cost.
    private static bool HasColon(string line) => line.AsSpan().IndexOfAny(':', '：') >= 0;

    // SourceRegex's labels all contain "source" (any case), 来源 or 稿源, followed by a colon.
    private static bool MayNameSource(string line) =>
        HasColon(line) && (line.Contains("来源", StringComparison.Ordinal) || line.Contains("稿源", StringComparison.Ordinal)
            || line.Contains("source", StringComparison.OrdinalIgnoreCase));

    internal static string? HostOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host : null;

    private static string TrimTrailingDate(string value)
    {
        var date = DateInValueRegex().Match(value);
        return (date.Success ? value[..date.Index] : value).Trim().TrimEnd('|', '·', ',', ';', ' ');
    }

    [GeneratedRegex(@"published|posted on|发表于|发布于|发布时间|发表时间|时间\s*[:：]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex PublishedKeywordRegex();

    [GeneratedRegex(@"^(?:[•·▪◦‣●■►\-*]\s*)?(?:By|BY|Posted by|Written by|Words by|Story by|Author\s*[:：]|作者\s*[:：]|文\s*[/／:：])\s*(?<name>\p{Lu}[\p{L}.'’\-]*(?:\s+(?:\p{Lu}[\p{L}.'’\-]*|and|&|de|van|von|bin))*|\p{Lo}{2,4}(?:\s+\p{Lo}{2,4}){0,3})", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex HeaderBylineRegex();

    [GeneratedRegex(@"(?:^|\s)(?:Author|作者)\s*[:：]\s*(?<name>[^\s|,，;；]{2,40}(?: [^\s|,，;；]{2,40}){0,3})", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex AuthorLabelRegex();

    // "Source: Reuters" or "来源：新华网" at the start of a line take the rest of the line; inside an info line
    // ("2024-07-02 10:31 来源：新华网 作者：…") only the next word.
    [GeneratedRegex(@"^(?:source|sources|来源|稿源|文章来源|原文来源)\s*[:：]\s*(?<value>\S.*)$|(?<=\s)(?:source|来源|稿源)\s*[:：]\s*(?<value>\S+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex SourceRegex();

    [GeneratedRegex(@"^https?://\S+$", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex UrlRegex();

    [GeneratedRegex(@"\s\d{4}[-/.年]\d{1,2}|\s(?:作者|编辑|责任编辑|author|editor)\s*[:：]", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex DateInValueRegex();
}
