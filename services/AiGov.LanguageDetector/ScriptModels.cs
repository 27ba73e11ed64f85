using System.Collections.Frozen;
using Lingua;

namespace AiGov.LanguageDetector;

/// <summary>One trigram <see cref="NgramModel"/> per script that several languages share, and a quadrigram model per
/// group of close relatives that trigrams confuse on a sentence (Indonesian and Malay above all). Each is loaded once,
/// on first use or by <see cref="LoadAll"/> at start-up. Thread-safe.</summary>
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

    /// <summary>Lingua's trigram files for Hindi and Marathi hold too few of a sentence's trigrams for the trigram
    /// model; Lingua's own high-accuracy mode for just these two is right on them, and small (~10 MB).</summary>
    private readonly Lazy<Lingua.LanguageDetector> _devanagari = new(
        () => LanguageDetectorBuilder.FromLanguages(Language.Hindi, Language.Marathi).WithPreloadedLanguageModels().Build(),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly FrozenDictionary<Script, Lazy<NgramModel>> _scriptModels = new Dictionary<Script, Lazy<NgramModel>>
    {
        [Script.Latin] = Model(LanguageInfo.AllWithLatinScript().ToList(), 3),
        [Script.Cyrillic] = Model(LanguageInfo.AllWithCyrillicScript().ToList(), 3),
        [Script.Arabic] = Model(LanguageInfo.AllWithArabicScript().ToList(), 3),
    }.ToFrozenDictionary();

    private readonly FrozenDictionary<string, Lazy<NgramModel>> _relativesModels = s_closeRelatives
        .Select(group => (Group: group, Model: Model(group, 4)))
        .SelectMany(item => item.Group.Select(language => (Code: LanguageInfo.IsoCode6391(language).ToString().ToLowerInvariant(), item.Model)))
        .ToFrozenDictionary(item => item.Code, item => item.Model);

    public NgramModel? ForScript(Script script) => _scriptModels.TryGetValue(script, out var model) ? model.Value : null;

    /// <summary>The quadrigram model of the language's close relatives (itself included), if it has any.</summary>
    public NgramModel? ForRelativesOf(string code) => _relativesModels.TryGetValue(code, out var model) ? model.Value : null;

    public Lingua.LanguageDetector Devanagari => _devanagari.Value;

    public void LoadAll() =>
        Parallel.Invoke(
            () => Parallel.ForEach(_scriptModels.Values.Concat(_relativesModels.Values.Distinct()), model => _ = model.Value),
            () => _ = _devanagari.Value);

    private static Lazy<NgramModel> Model(IReadOnlyCollection<Language> languages, int order) =>
        new(() => NgramModel.Load(languages, order), LazyThreadSafetyMode.ExecutionAndPublication);
}
