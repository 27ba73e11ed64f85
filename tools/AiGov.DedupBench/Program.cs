using AiGov.DedupBench;

// dotnet run -c Release --project tools/AiGov.DedupBench -- quality [articles]
// dotnet run -c Release --project tools/AiGov.DedupBench -- stories
// dotnet run -c Release --project tools/AiGov.DedupBench -- scale [1000,10000,100000] [probes]   (needs AIGOV_TEST_POSTGRES)
var command = args.FirstOrDefault() ?? "help";
switch (command)
{
    case "quality":
        QualityCurve.Run(args.Length > 1 ? int.Parse(args[1]) : 300);
        return 0;
    case "stories":
        StoryEvaluation.Run();
        return 0;
    case "scale":
        var postgres = Environment.GetEnvironmentVariable("AIGOV_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(postgres))
        {
            Console.Error.WriteLine("Set AIGOV_TEST_POSTGRES to the connection string of a login with CREATEDB (the bench creates and drops a database of its own).");
            return 2;
        }
        var sizes = (args.Length > 1 ? args[1] : "1000,10000,100000").Split(',').Select(int.Parse).ToList();
        await ScaleBench.RunAsync(postgres, sizes, args.Length > 2 ? int.Parse(args[2]) : 400);
        return 0;
    default:
        Console.Error.WriteLine("usage: AiGov.DedupBench quality [articles] | stories | scale [sizes] [probes]");
        return 2;
}
