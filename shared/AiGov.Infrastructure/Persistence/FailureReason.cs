namespace AiGov.Infrastructure.Persistence;

/// <summary>What a <c>failed</c> row says after <c>&lt;stage&gt;_failed: </c>. The pipeline's own exceptions begin their
/// message with a reason code (<c>too_large: …</c>, <c>no_text: …</c>, <c>poison: …</c>, <c>timeout: …</c>): that message
/// is the reason as it is, so every such row begins with its code. Any other exception keeps its type in front, which
/// is what tells a reader where to look (<c>Npgsql.PostgresException: …</c>).</summary>
public static class FailureReason
{
    private const int MaxCodeLength = 40;

    public static string Of(string exceptionType, string message) =>
        StartsWithReasonCode(message) ? message : $"{exceptionType}: {message}";

    /// <summary>Lowercase letters and underscores, then ": " (the form of every reason code in the contract).</summary>
    public static bool StartsWithReasonCode(string message)
    {
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        return colon is > 0 and <= MaxCodeLength
            && message[0] is >= 'a' and <= 'z'
            && message.AsSpan(0, colon).ContainsAnyExcept("abcdefghijklmnopqrstuvwxyz_") is false;
    }
}
