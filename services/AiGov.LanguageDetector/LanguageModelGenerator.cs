namespace AiGov.LanguageDetector;

/// <summary><c>AiGov.LanguageDetector --build-language-models DIR</c>: writes every table's cache file (the build
/// runs it after compiling), so that no start has to parse Lingua's files. Files that are already whole and current
/// are only read back.</summary>
public static class LanguageModelGenerator
{
    public const string Argument = "--build-language-models";

    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        var at = Array.IndexOf(args, Argument);
        if (at < 0)
        {
            return false;
        }
        var directory = at + 1 < args.Length ? args[at + 1] : NgramModelCache.DefaultDirectory;
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
        var cache = new NgramModelCache(directory, loggerFactory.CreateLogger("LanguageModels"));
        var started = TimeProvider.System.GetTimestamp();
        Parallel.ForEach(ScriptModels.Tables, table => cache.GetOrBuild(table));
        Console.WriteLine($"Language models in {Path.GetFullPath(directory)} ready in {TimeProvider.System.GetElapsedTime(started).TotalMilliseconds:0} ms");
        return true;
    }
}
