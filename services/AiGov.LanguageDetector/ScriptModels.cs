using System.Collections.Frozen;
using Lingua;

namespace AiGov.LanguageDetector;

/// <summary>Per script that several languages share, a trigram and a quadrigram table of all its languages; per group
/// of close relatives that these confuse on a sentence (Indonesian and Malay above all), a trigram and a quadrigram
/// table of Lingua's conditional frequencies of only those. Each is read from its cache file
/// (<see cref="NgramModelCache"/>) once, on first use or by <see cref="LoadAll"/> at start-up. Thread-safe.</summary>
public sealed class ScriptModels
{
    private static readonly Language[][] s_closeRelatives =
    [
        [Language.Indonesian, Language.Malay],
        [Language.Danish, Language.Bokmal, Language.Nynorsk],
        [Language.Czech, Language.Slovak],
        [Language.Bosnian, Language.Croatian],
    ];

    private static readonly Dictionary<Script, Language[]> s_scripts = new()
    {
        [Script.Latin] = [.. LanguageInfo.AllWithLatinScript()],
        [Script.Cyrillic] = [.. LanguageInfo.AllWithCyrillicScript()],
        [Script.Arabic] = [.. LanguageInfo.AllWithArabicScript()],
    };

    /// <summary>Lingua's trigram files for Hindi and Marathi hold too few of a sentence's trigrams for the trigram
    /// model; Lingua's own high-accuracy mode for just these two is right on them, and small (~10 MB).</summary>
    private readonly Lazy<Lingua.LanguageDetector> _devanagari = new(
        () => LanguageDetectorBuilder.FromLanguages(Language.Hindi, Language.Marathi).WithPreloadedLanguageModels().Build(),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly FrozenDictionary<string, Lazy<NgramModel>> _tables;
    private readonly FrozenDictionary<Script, Lazy<NgramScorer>> _scriptScorers;
    private readonly FrozenDictionary<string, Lazy<NgramScorer>> _relativesScorers;
    private readonly Lazy<Task> _loading;
    private volatile bool _loaded;

    public ScriptModels() : this(new NgramModelCache(NgramModelCache.DefaultDirectory))
    {
    }

    public ScriptModels(NgramModelCache cache)
    {
        _tables = Tables.ToFrozenDictionary(
            table => table.FileName,
            table => new Lazy<NgramModel>(() => cache.GetOrBuild(table), LazyThreadSafetyMode.ExecutionAndPublication));
        _scriptScorers = s_scripts.ToFrozenDictionary(pair => pair.Key, pair => Scorer(ScriptTables(pair.Value)));
        _relativesScorers = s_closeRelatives
            .Select(group => (Group: group, Scorer: Scorer(RelativesTables(group))))
            .SelectMany(item => item.Group.Select(language => (Code: NgramModelBuilder.Code(language), item.Scorer)))
            .ToFrozenDictionary(item => item.Code, item => item.Scorer);
        _loading = new(() => Task.Run(LoadAll), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Every table this class uses: what the build step writes.</summary>
    public static IEnumerable<NgramTable> Tables =>
        s_scripts.Values.SelectMany(ScriptTables).Concat(s_closeRelatives.SelectMany(RelativesTables));

    /// <summary>True once <see cref="LoadAll"/> has finished: the first document then waits for nothing.</summary>
    public bool IsLoaded => _loaded;

    public NgramScorer? ForScript(Script script) => _scriptScorers.TryGetValue(script, out var scorer) ? scorer.Value : null;

    /// <summary>The scorer of the language's close relatives (itself included), if it has any.</summary>
    public NgramScorer? ForRelativesOf(string code) => _relativesScorers.TryGetValue(code, out var scorer) ? scorer.Value : null;

    public Lingua.LanguageDetector Devanagari => _devanagari.Value;

    /// <summary>Starts <see cref="LoadAll"/> in the background once; every caller gets the same task.</summary>
    public Task StartLoading() => _loading.Value;

    public void LoadAll()
    {
        // One flat level of parallel work: nested parallel loops starved the thread pool and took twice as long.
        Parallel.Invoke([.. _tables.Values.Select(table => (Action)(() => _ = table.Value)), () => _ = _devanagari.Value]);
        foreach (var scorer in _scriptScorers.Values.Concat(_relativesScorers.Values))
        {
            _ = scorer.Value;
        }
        _loaded = true;
    }

    private static NgramTable[] ScriptTables(Language[] languages) =>
    [
        new(languages, 3, NgramEstimate.Joint, NgramLayout.Dense),
        new(languages, 4, NgramEstimate.Joint, NgramLayout.Sparse),
        new(languages, 1, NgramEstimate.Joint, NgramLayout.Dense, NgramScope.ShortWords),
        new(languages, 2, NgramEstimate.Joint, NgramLayout.Dense, NgramScope.ShortWords),
    ];

    private static NgramTable[] RelativesTables(Language[] group) =>
    [
        new(group, 3, NgramEstimate.ConditionalBackOff, NgramLayout.Dense),
        new(group, 4, NgramEstimate.ConditionalBackOff, NgramLayout.Dense),
    ];

    private Lazy<NgramScorer> Scorer(NgramTable[] tables) =>
        new(() => new NgramScorer([.. tables.Select(table => _tables[table.FileName].Value)]), LazyThreadSafetyMode.ExecutionAndPublication);
}
