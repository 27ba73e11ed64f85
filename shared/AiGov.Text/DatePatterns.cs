using System.Globalization;
using System.Text.RegularExpressions;

namespace AiGov.Text;

/// <summary>Calendar dates as news sites print them, for dropping date lines and reading the publication date.</summary>
internal static partial class DatePatterns
{
    public const string Months =
        "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

    /// <summary>"September 20, 2024", "20 Sep 2024", "2024-10-23 04:46:24", "2024/8/16", "2024年10月23日 10:31", with an optional time.</summary>
    public const string Date =
        @"(?:(?:" + Months + @")\.? \d{1,2},? \d{4}|\d{1,2} (?:" + Months + @")\.?,? \d{4}|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)"
        + @"(?:,? ?(?:at )?\d{1,2}:\d{2}(?::\d{2})?(?: ?[ap]\.?m\.?)?(?: [A-Z]{2,4})?)?";

    private static readonly string[] s_formats =
    [
        "yyyy-M-d H:mm:ss", "yyyy-M-d H:mm", "yyyy-M-d",
        "MMMM d yyyy h:mm tt", "MMMM d yyyy H:mm", "MMMM d yyyy", "MMM d yyyy h:mm tt", "MMM d yyyy H:mm", "MMM d yyyy",
        "d MMMM yyyy H:mm", "d MMMM yyyy", "d MMM yyyy H:mm", "d MMM yyyy",
    ];

    /// <summary>
    /// The first date in <paramref name="text"/> as a UTC-offset timestamp (sites rarely print a zone; the wall
    /// time is kept as if it were UTC), or null.
    /// </summary>
    public static DateTimeOffset? FindFirst(string text)
    {
        // Every form has a digit (\d is char.IsDigit); scanning prose for month names is the expensive part.
        if (!HasDigit(text))
        {
            return null;
        }

        var match = DateRegex().Match(text);
        return match.Success ? Parse(match.Value) : null;
    }

    /// <summary>True when <paramref name="text"/> has a character that regex <c>\d</c> matches (a decimal digit).</summary>
    public static bool HasDigit(ReadOnlySpan<char> text)
    {
        if (text.ContainsAnyInRange('0', '9'))
        {
            return true;
        }

        foreach (var c in text)
        {
            if (c > '\u007F' && char.IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    public static DateTimeOffset? Parse(string value)
    {
        var cleaned = CleanupRegex().Replace(value.Trim(), " ");
        cleaned = AmPmRegex().Replace(cleaned, match => " " + match.Groups[1].Value.ToUpperInvariant() + "M");
        cleaned = ZoneRegex().Replace(cleaned, string.Empty);
        cleaned = NumericDateRegex().IsMatch(cleaned)
            ? cleaned.Replace('/', '-').Replace('.', '-').Replace('年', '-').Replace('月', '-').Replace("日", " ", StringComparison.Ordinal)
            : cleaned.Replace(".", string.Empty, StringComparison.Ordinal);
        cleaned = SpacesRegex().Replace(cleaned, " ").Trim();
        if (DateTime.TryParseExact(cleaned, s_formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified), TimeSpan.Zero);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var offset) ? offset : null;
    }

    [GeneratedRegex(Date, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex DateRegex();

    [GeneratedRegex(@"[,]|\bat\b|(?<=\d)(?:st|nd|rd|th)\b", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex CleanupRegex();

    [GeneratedRegex(@"^\d{4}[-/.年]", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex NumericDateRegex();

    [GeneratedRegex(@"\s+", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex SpacesRegex();

    [GeneratedRegex(@"\s?([ap])\.?m\.?$", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex AmPmRegex();

    [GeneratedRegex(@"\s[A-Z]{2,4}$", RegexOptions.None, matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds)]
    private static partial Regex ZoneRegex();
}
