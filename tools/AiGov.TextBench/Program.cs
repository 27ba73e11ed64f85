using AiGov.TextBench;
using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "cpu")
{
    CpuTimeRun.Run(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
