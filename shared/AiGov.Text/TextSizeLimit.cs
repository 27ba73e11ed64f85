namespace AiGov.Text;

/// <summary>The most text the cleaner takes from one document, in every format: past it a document is refused with
/// <see cref="UnreadableReasons.TooLarge"/> instead of carrying millions of characters through every stage (a 64 KB
/// DOCX can hold 64 M characters of repeated runs). Above what a text file of the watcher's default size limit
/// (10 MiB) decodes to.</summary>
internal static class TextSizeLimit
{
    public const int MaxCharacters = 16 * 1024 * 1024;

    /// <summary>Throws <see cref="UnreadableReasons.TooLarge"/> when <paramref name="characters"/> are over
    /// <see cref="MaxCharacters"/>.</summary>
    public static void CheckLength(long characters, string format)
    {
        if (characters > MaxCharacters)
        {
            throw new UnreadableDocumentException(UnreadableReasons.TooLarge,
                $"the {format} holds more than {MaxCharacters:N0} characters of text; split it into smaller documents and drop those");
        }
    }
}
