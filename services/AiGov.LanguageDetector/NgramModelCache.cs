using Lingua;

namespace AiGov.LanguageDetector;

/// <summary>Keeps each <see cref="NgramModel"/> as a file in one directory: reads it when it is whole and built from
/// the same source, else builds it from Lingua's files and replaces the file (written aside, then renamed, so a
/// reader never sees half a file and concurrent builders do not clash). The build step
/// (<c>--build-language-models</c>) fills the directory next to the binary, so a start only reads.</summary>
public sealed class NgramModelCache(string directory, ILogger? logger = null)
{
    /// <summary>Next to the binary: <c>LanguageModels/</c>.</summary>
    public static string DefaultDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "LanguageModels");

    public string Directory { get; } = directory;

    /// <summary>A joint-probability table with dense rows.</summary>
    public NgramModel GetOrBuild(IReadOnlyCollection<Language> languages, int order) =>
        GetOrBuild(new NgramTable([.. languages], order, NgramEstimate.Joint, NgramLayout.Dense));

    public NgramModel GetOrBuild(NgramTable table)
    {
        var path = Path.Combine(Directory, table.FileName);
        if (TryRead(path, table.Fingerprint) is { } cached)
        {
            return cached;
        }
        var started = TimeProvider.System.GetTimestamp();
        var model = NgramModelBuilder.Build(table);
        TryWrite(path, model, table.Fingerprint);
        logger?.LogInformation("Language model {Name} built from Lingua's files in {Elapsed:0} ms ({Ngrams} n-grams)",
            table.FileName, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds, model.NgramCount);
        return model;
    }

    private NgramModel? TryRead(string path, string fingerprint)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16);
            var model = NgramModelFile.TryRead(stream, fingerprint, out var problem);
            if (model is null)
            {
                logger?.LogWarning("Language model file {Path} not used ({Problem}): rebuilding it", path, problem);
            }
            return model;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            logger?.LogWarning("Language model file {Path} missing: building it (run the build to avoid this)", path);
            return null;
        }
    }

    private void TryWrite(string path, NgramModel model, string fingerprint)
    {
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                NgramModelFile.Write(stream, model, fingerprint);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only directory costs the next start the build again, but must not stop this one.
            logger?.LogWarning(e, "Language model file {Path} could not be written", path);
            DeleteQuietly(temporary);
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing was written there, or nothing can be.
        }
    }
}
