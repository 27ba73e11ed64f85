using AiGov.LanguageDetector;
using BenchmarkDotNet.Attributes;

namespace AiGov.LanguageBench;

/// <summary>One operation identifies every seed article (about 5 KB each); docs/s = articles / mean time.</summary>
[MemoryDiagnoser]
public class IdentifyBenchmark
{
    private readonly LanguageIdentifier _identifier = new();
    private IReadOnlyList<string> _articles = [];

    [GlobalSetup]
    public void Setup()
    {
        _articles = Articles.FromSeeds(Articles.FindRepositoryRoot());
        foreach (var article in _articles)
        {
            _identifier.Identify(article);
        }
    }

    [Benchmark]
    public int IdentifySeedArticles()
    {
        var letters = 0;
        foreach (var article in _articles)
        {
            letters += _identifier.Identify(article).Code.Length;
        }
        return letters;
    }
}
