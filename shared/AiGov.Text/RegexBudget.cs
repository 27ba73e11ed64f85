namespace AiGov.Text;

/// <summary>
/// How long one regex match over untrusted text may run. Every pattern of this library either runs without
/// backtracking (<see cref="System.Text.RegularExpressions.RegexOptions.NonBacktracking"/>: time linear in its input)
/// or carries this limit; a match over it throws <see cref="System.Text.RegularExpressions.RegexMatchTimeoutException"/>,
/// which fails the document as bad input (never retried). The patterns run on one line or one value each, so a match
/// of a real document takes microseconds.
/// </summary>
internal static class RegexBudget
{
    public const int MatchTimeoutMilliseconds = 1000;
}
