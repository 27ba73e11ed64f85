namespace AiGov.Text;

/// <summary>
/// How long one regex match over untrusted text may run. Every pattern of this library either runs without
/// backtracking (<see cref="System.Text.RegularExpressions.RegexOptions.NonBacktracking"/>: time linear in its input)
/// or carries this limit; a match over it throws <see cref="System.Text.RegularExpressions.RegexMatchTimeoutException"/>,
/// which fails the document as bad input (never retried). The patterns run on one line or one value each, so a match
/// of a real document takes microseconds and a bounded hostile one milliseconds; the limit is wall-clock time, so it
/// stays far above what a thread starved on a loaded machine waits (1 s failed a bounded scan during a full test run).
/// </summary>
internal static class RegexBudget
{
    public const int MatchTimeoutMilliseconds = 10_000;
}
