using System.Reflection;
using System.Text.RegularExpressions;

namespace AiGov.Text.Tests;

/// <summary>Issue #19 point 2: no pattern of the cleaning library can run unbounded on untrusted text.</summary>
public sealed class RegexBudgetTests
{
    public static TheoryData<string> GeneratedPatterns()
    {
        var data = new TheoryData<string>();
        foreach (var method in GeneratedRegexMethods())
        {
            data.Add($"{method.DeclaringType!.FullName}.{method.Name}");
        }
        return data;
    }

    [Fact]
    public void The_library_has_generated_patterns_to_check()
    {
        Assert.True(GeneratedRegexMethods().Count() >= 40, "the reflection below no longer finds the library's [GeneratedRegex] methods");
    }

    [Theory]
    [MemberData(nameof(GeneratedPatterns))]
    public void Every_pattern_runs_without_backtracking_or_under_the_match_time_limit(string name)
    {
        var method = GeneratedRegexMethods().Single(m => $"{m.DeclaringType!.FullName}.{m.Name}" == name);
        var regex = (Regex)method.Invoke(null, null)!;

        var linear = regex.Options.HasFlag(RegexOptions.NonBacktracking);
        Assert.True(linear || regex.MatchTimeout == TimeSpan.FromMilliseconds(RegexBudget.MatchTimeoutMilliseconds),
            $"{name} (/{regex}/) backtracks with match timeout {regex.MatchTimeout}: give it RegexOptions.NonBacktracking "
            + "or matchTimeoutMilliseconds: RegexBudget.MatchTimeoutMilliseconds");
    }

    [Fact]
    public void A_pattern_that_runs_out_of_time_throws_instead_of_running_on()
    {
        // A match limit is what stops a pattern, so it must actually stop one: a classic catastrophic pattern under a
        // short limit (the budget itself is long, to stay clear of a starved thread's wait).
        var catastrophic = new Regex("^(a+)+$", RegexOptions.None, TimeSpan.FromMilliseconds(100));

        Assert.Throws<RegexMatchTimeoutException>(() => catastrophic.IsMatch(new string('a', 5_000) + "!"));
    }

    private static IEnumerable<MethodInfo> GeneratedRegexMethods() =>
        typeof(DocumentCleaner).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(method => method.GetCustomAttribute<GeneratedRegexAttribute>() is not null);
}
