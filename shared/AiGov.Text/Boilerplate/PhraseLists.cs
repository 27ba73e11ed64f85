namespace AiGov.Text.Boilerplate;

/// <summary>The boilerplate phrase lists embedded in this assembly (Boilerplate/*.txt), one file per language.</summary>
internal static class PhraseLists
{
    private const string ResourcePrefix = "AiGov.Text.Boilerplate.";

    private static readonly Lazy<PhraseMatcher> s_matcher = new(() => new PhraseMatcher(LoadSections()));

    /// <summary>All languages together: the language is not known yet when cleaning, and the phrases are distinctive.</summary>
    public static PhraseMatcher Matcher => s_matcher.Value;

    private static List<PhraseSection> LoadSections() =>
        DataFileLines.ReadEmbedded(ResourcePrefix)
            .SelectMany(file => PhraseListParser.Parse(file.Content, ResourcePrefix + file.Name + ".txt"))
            .ToList();
}
