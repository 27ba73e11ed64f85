using System.Reflection;

namespace AiGov.Text.Boilerplate;

/// <summary>The boilerplate phrase lists embedded in this assembly (Boilerplate/*.txt), one file per language.</summary>
internal static class PhraseLists
{
    private const string ResourcePrefix = "AiGov.Text.Boilerplate.";

    private static readonly Lazy<PhraseMatcher> s_matcher = new(() => new PhraseMatcher(LoadSections()));

    /// <summary>All languages together: the language is not known yet when cleaning, and the phrases are distinctive.</summary>
    public static PhraseMatcher Matcher => s_matcher.Value;

    public static IReadOnlyList<string> Languages =>
        ResourceNames().Select(name => name[ResourcePrefix.Length..^".txt".Length]).ToArray();

    private static List<PhraseSection> LoadSections()
    {
        var assembly = typeof(PhraseLists).Assembly;
        var sections = new List<PhraseSection>();
        foreach (var name in ResourceNames())
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"Embedded phrase list {name} is missing.");
            using var reader = new StreamReader(stream);
            sections.AddRange(PhraseListParser.Parse(reader.ReadToEnd(), name));
        }

        return sections;
    }

    private static IEnumerable<string> ResourceNames() =>
        typeof(PhraseLists).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".txt", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
}
