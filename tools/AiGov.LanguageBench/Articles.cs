namespace AiGov.LanguageBench;

/// <summary>The bench's input: the repository's seed articles, each cut to about 5 KB at a white space.</summary>
internal static class Articles
{
    public const int Bytes = 5 * 1024;

    public static IReadOnlyList<string> FromSeeds(string repositoryRoot) =>
        Directory.GetFiles(Path.Combine(repositoryRoot, "seeds"), "*.txt")
            .Order(StringComparer.Ordinal)
            .Select(path => CutToBytes(File.ReadAllText(path), Bytes))
            .ToList();

    public static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AiGovPipeline.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Run the bench from inside the repository: AiGovPipeline.sln was not found above " + AppContext.BaseDirectory);
    }

    private static string CutToBytes(string text, int bytes)
    {
        var end = 0;
        var size = 0;
        while (end < text.Length)
        {
            var next = text.IndexOfAny([' ', '\n'], end + 1);
            next = next < 0 ? text.Length : next;
            size += System.Text.Encoding.UTF8.GetByteCount(text.AsSpan(end, next - end));
            if (size > bytes)
            {
                break;
            }
            end = next;
        }
        return text[..end];
    }
}
