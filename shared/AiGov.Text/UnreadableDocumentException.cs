namespace AiGov.Text;

/// <summary>
/// The document cannot be read as text, and retrying will not change that. Derives from
/// <see cref="FormatException"/> so that stage retry policies treat it as bad input. The message starts with
/// <see cref="Reason"/> ("no_text: the PDF has no text layer (scanned?)").
/// </summary>
public sealed class UnreadableDocumentException : FormatException
{
    public UnreadableDocumentException(string reason, string detail, Exception? innerException = null)
        : base($"{reason}: {detail}", innerException)
    {
        Reason = reason;
        Detail = detail;
    }

    /// <summary>A code from <see cref="UnreadableReasons"/>.</summary>
    public string Reason { get; }

    /// <summary>What is wrong and what to do, after the reason.</summary>
    public string Detail { get; }
}

/// <summary>Reason codes of <see cref="UnreadableDocumentException"/>.</summary>
public static class UnreadableReasons
{
    /// <summary>The document has no extractable text (a scanned PDF, an empty DOCX).</summary>
    public const string NoText = "no_text";

    /// <summary>The document is encrypted and cannot be opened without a password.</summary>
    public const string Encrypted = "encrypted";

    /// <summary>The document expands beyond the size the cleaner accepts (a zip bomb).</summary>
    public const string TooLarge = "too_large";

    /// <summary>The bytes are not a valid document of the announced format.</summary>
    public const string Malformed = "malformed";
}
