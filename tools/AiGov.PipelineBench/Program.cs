using AiGov.PipelineBench;

// Driven by scripts/bench.sh, which starts the stack; each command can also be run alone (see --help).
const string Usage = """
    AiGov.PipelineBench -- the measuring side of scripts/bench.sh

      pipeline  --documents N --data-root DIR --postgres CS --management http://127.0.0.1:15692 --vhost V --out DIR
                [--steady DOCS_PER_S --seconds S] [--seed 1] [--pids name=pid,...] [--stall-seconds 120]
                generates N distinct articles (+10 % duplicates), drops them into DIR/inbox, follows rows, queues
                and memory until every file is a row; writes DIR/pipeline.json and timeline.csv
      inprocess --corpus DIR --postgres CS --out DIR [--workers 4] [--batch 32]
                the same stage classes in one process without the broker, into the (fresh, migrated) database CS
      report    --out DIR   prints the summary and the last line
                "bench: N docs, X docs/s, p50 A ms, p99 B ms, efficiency E, rss R MB"
    """;

if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
{
    Console.Error.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

try
{
    var options = new Arguments(args.Skip(1));
    return args[0] switch
    {
        "pipeline" => await PipelineRun.RunAsync(options),
        "inprocess" => await InProcessRun.RunAsync(options),
        "report" => BenchReport.Print(options),
        _ => throw new ArgumentException($"unknown command '{args[0]}': use pipeline, inprocess or report (--help)"),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"bench: {e.Message}");
    return 2;
}
