namespace AiGov.Text.Html;

/// <summary>
/// When <see cref="HtmlExtractor"/> keeps little of a page, it asks for a second opinion, as trafilatura compares its
/// result with other extractors' and keeps the better: the same page parsed again and extracted without removing
/// chrome or elements named as noise (a template that names the article's wrapper <c>sidebar</c> or wraps it in a
/// <c>&lt;form&gt;</c> or <c>&lt;aside&gt;</c> loses nothing there), taken when it has more than twice the words.
/// SmartReader (Readability) served as the second opinion before; on trafilatura's benchmark this one finds as much
/// (F1 0.914 against 0.915, 17 pages with nothing either way) at a fraction of the cost (docs/CLEANING.md).
/// </summary>
internal static class SecondOpinion
{
    /// <summary>A first result shorter than this many characters may be checked against the second opinion.</summary>
    public const int BelowCharacters = 1500;

    /// <summary>A first result of fewer words is always checked.</summary>
    public const int BelowWords = 100;

    /// <summary>Above <see cref="BelowWords"/>, the second opinion is asked only when the page holds this many times
    /// the words kept: it wins only with more than twice the words, which a page holding little more than the first
    /// result rarely yields.</summary>
    public const int PageWordsPerKeptWord = 6;

    /// <summary>A page with more elements is not parsed a second time (a hostile page of nested elements).</summary>
    public const int MaxElements = 50_000;

    /// <summary>Whether the second opinion is worth asking: the first result is short and the page may hold more.</summary>
    public static bool IsWorthAsking(int keptCharacters, int keptWords, int pageWords, int pageElements) =>
        keptCharacters < BelowCharacters && pageElements <= MaxElements
        && (keptWords < BelowWords || pageWords > PageWordsPerKeptWord * keptWords);

    /// <summary>Whether the second opinion's text replaces the first.</summary>
    public static bool IsBetter(string second, int keptWords) => WhitespaceCollapser.WordCount(second) > 2 * keptWords;
}
