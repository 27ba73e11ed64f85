using AiGov.LanguageBench;
using AiGov.LanguageDetector;
using AiGov.LanguageDetector.Tests;
using BenchmarkDotNet.Running;

switch (args.FirstOrDefault())
{
    case "accuracy":
        var testSet = LanguageTestSet.Load(Path.Combine(Articles.FindRepositoryRoot(), "tests", "AiGov.LanguageDetector.Tests", "Data", "Paragraphs"));
        Console.Write(testSet.Evaluate(new LanguageIdentifier()).Summary());
        break;
    case "lingua-sentences":
        return LinguaSentencesBench.Run(args[1..]);
    case "memory":
        MemoryProbe.Run();
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(IdentifyBenchmark).Assembly).Run(args);
        break;
}
return 0;
