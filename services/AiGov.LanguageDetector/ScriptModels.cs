using System.Collections.Frozen;
using Lingua;

namespace AiGov.LanguageDetector;

/// <summary>One trigram <see cref="NgramModel"/> per script that several languages share, and a quadrigram model per
/// group of close relatives that trigrams confuse on a sentence (Indonesian and Malay above all). Each is read from
/// its cache file (<see cref="NgramModelCache"/>) once, on first use or by <see cref="LoadAll"/> at start-up.
/// Thread-safe.</summary>
public sealed class ScriptModels
{
    private static readonly Language[][] s_closeRelatives =
    [
        [Language.Indonesian, Language.Malay],
        [Language.Danish, Language.Bokmal, Language.Nynorsk],
        [Language.Czech, Language.Slovak],
        [Language.Bosnian, Language.Croatian],
        [Language.Russian, Language.Ukrainian, Language.Belarusian],
        [Language.Bulgarian, Language.Macedonian],
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

    private readonly FrozenDictionary<Script, Lazy<NgramModel>> _scriptModels;
    private readonly FrozenDictionary<string, Lazy<NgramModel>> _relativesModels;
    private readonly Lazy<Task> _loading;
    private volatile bool _loaded;

    public ScriptModels() : this(new NgramModelCache(NgramModelCache.DefaultDirectory))
    {
    }

    public ScriptModels(NgramModelCache cache)
    {
        _scriptModels = s_scripts.ToFrozenDictionary(pair => pair.Key, pair => Model(cache, pair.Value, 3));
        _relativesModels = s_closeRelatives
            .Select(group => (Group: group, Model: Model(cache, group, 4)))
            .SelectMany(item => item.Group.Select(language => (Code: NgramModelBuilder.Code(language), item.Model)))
            .ToFrozenDictionary(item => item.Code, item => item.Model);
        _loading = new(() => Task.Run(LoadAll), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Every table this class uses: what the build step writes.</summary>
    public static IEnumerable<(Language[] Languages, int Order)> Tables =>
        s_scripts.Values.Select(languages => (languages, 3)).Concat(s_closeRelatives.Select(group => (group, 4)));

    /// <summary>True once <see cref="LoadAll"/> has finished: the first document then waits for nothing.</summary>
    public bool IsLoaded => _loaded;

    public NgramModel? ForScript(Script script) => _scriptModels.TryGetValue(script, out var model) ? model.Value : null;

    /// <summary>The quadrigram model of the language's close relatives (itself included), if it has any.</summary>
    public NgramModel? ForRelativesOf(string code) => _relativesModels.TryGetValue(code, out var model) ? model.Value : null;

    public Lingua.LanguageDetector Devanagari => _devanagari.Value;

    /// <summary>Starts <see cref="LoadAll"/> in the background once; every caller gets the same task.</summary>
    public Task StartLoading() => _loading.Value;

    public void LoadAll()
    {
        Parallel.Invoke(
            () => Parallel.ForEach(_scriptModels.Values.Concat(_relativesModels.Values.Distinct()), model => _ = model.Value),
            () => _ = _devanagari.Value);
        _loaded = true;
    }

    private static Lazy<NgramModel> Model(NgramModelCache cache, Language[] languages, int order) =>
        new(() => cache.GetOrBuild(languages, order), LazyThreadSafetyMode.ExecutionAndPublication);
}
