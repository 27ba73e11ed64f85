namespace AiGov.DedupBench;

/// <summary>The seeds and the story test set, each labelled with its story.</summary>
public static class RealArticles
{
    // Seeds that report the same event as each other or as a file of the story set.
    private static readonly Dictionary<string, string> s_seedStories = new(StringComparer.Ordinal)
    {
        ["002"] = "waic-2025",
        ["003"] = "waic-2025",
        ["004"] = "geneva-dialogue",
    };

    public static IReadOnlyList<(string Name, string Story, string Text)> Load()
    {
        var seeds = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seeds"), "*.txt").Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var name = Path.GetFileNameWithoutExtension(path);
                return (Name: name, Story: s_seedStories.GetValueOrDefault(name[..3], "seed-" + name[..3]), Text: File.ReadAllText(path));
            });
        var stories = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "StorySet"), "*.txt").Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var name = Path.GetFileNameWithoutExtension(path);
                return (Name: name, Story: name.Split('.')[0], Text: File.ReadAllText(path));
            });
        return seeds.Concat(stories).ToList();
    }
}
