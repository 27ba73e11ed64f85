using AiGov.TextBench;
using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "cpu")
{
    CpuTimeRun.Run(args);
    return 0;
}
if (args.Length > 1 && args[0] == "clean")
{
    return CleanOneFile.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "train-lines")
{
    return TrainLines.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "extraction")
{
    return ExtractionBench.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
