using System.Text;

namespace AiGov.Text.Html;

/// <summary>A second opinion on a page where <see cref="HtmlExtractor"/> found little: SmartReader (Mozilla's
/// Readability on AngleSharp), as trafilatura compares its own result with a readability-style one. Too slow to run
/// on every page (about three ordinary pages' work: it parses the page again and retries), so only below
/// <see cref="BelowCharacters"/> and when <see cref="MayFindMore"/>; its text is taken when
/// it has more than twice the words (docs/CLEANING.md: on trafilatura's benchmark F1 0.837 → 0.876, pages with nothing
/// of their article 101 → 32). Given the page's text it reads nothing from the network.</summary>
internal static class ReadabilityFallback
{
    /// <summary>A first result shorter than this many characters is checked against the second opinion.</summary>
    public const int BelowCharacters = 1500;

    /// <summary>Readability retries without its filters while its article is shorter than this (its default, 500, made
    /// it parse short pages four times; 150: 2 more pages found on trafilatura's benchmark and fewer retries).</summary>
    public const int RetryBelowCharacters = 150;

    /// <summary>A first result of fewer words is always checked against the second opinion.</summary>
    public const int BelowWords = 100;

    /// <summary>Above <see cref="BelowWords"/>, the second opinion is asked only when the page holds this many times
    /// the words kept: it wins only with more than twice the words, which a page holding little more than the first
    /// result rarely yields.</summary>
    public const int PageWordsPerKeptWord = 6;

    /// <summary>Whether the second opinion is worth its cost (about three ordinary pages): on trafilatura's benchmark
    /// this asks it on 98 pages instead of 177 and keeps 24 of the 26 pages where it wins.</summary>
    public static bool MayFindMore(int keptWords, int pageWords) =>
        keptWords < BelowWords || pageWords > PageWordsPerKeptWord * keptWords;

    /// <summary>A page with more elements is not given to SmartReader (a hostile page of nested elements would be
    /// parsed a second time), and SmartReader itself gives up beyond it.</summary>
    public const int MaxElements = 50_000;

    /// <summary>The page's main text as Readability sees it, block elements as paragraph breaks; null when it finds
    /// none or gives up.</summary>
    public static string? Text(string html, CancellationToken cancellationToken = default)
    {
        SmartReader.Article article;
        try
        {
            // Built from the page's text, the reader has its document and downloads nothing; the asynchronous call is
            // the one that takes a token, checked in Readability's loops.
            using var reader = new SmartReader.Reader("https://localhost/", html) { MaxElemsToParse = MaxElements, CharThreshold = RetryBelowCharacters };
            cancellationToken.ThrowIfCancellationRequested();
            article = reader.GetArticleAsync(cancellationToken).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or NullReferenceException)
        {
            return null;
        }
        if (!article.IsReadable || string.IsNullOrEmpty(article.Content))
        {
            return null;
        }
        var content = HtmlExtractor.Parser.ParseDocument(article.Content);
        var builder = new StringBuilder();
        HtmlExtractor.Render(content.Body, builder, cancellationToken);
        var text = TextNormalizer.Normalize(builder.ToString());
        return text.Length == 0 ? null : text;
    }
}
