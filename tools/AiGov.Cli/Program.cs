using System.CommandLine;
using System.Net.Sockets;
using AiGov.Cli;
using Npgsql;
using Spectre.Console;

var settings = CliSettings.FromEnvironment();
var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

var root = new RootCommand("aigov: what happened to the documents dropped into AiGovPipeline. Settings come from the " +
    "services' environment variables (ConnectionStrings__Postgres, RabbitMq__Host, RabbitMq__Port, RabbitMq__ManagementPort, …).");

var statusDataRootOption = DataRootOption("The data root whose watcher list of files left in the inbox is shown (default: Pipeline__DataRoot, else ./data).");
var status = new Command("status", "Counts by status and language, queue depths and consumers, the last errors, files the watcher left in the inbox.") { statusDataRootOption };
status.SetAction((parsed, ct) => Run(commands => commands.StatusAsync(parsed.GetValue(statusDataRootOption), ct)));
root.Subcommands.Add(status);

var documentArgument = new Argument<string>("document") { Description = "A document id, or a file name relative to the inbox." };
var show = new Command("show", "A document's metadata, status trail, removed blocks and duplicate links.") { documentArgument };
show.SetAction((parsed, ct) => Run(commands => commands.ShowAsync(parsed.GetValue(documentArgument)!, ct)));
root.Subcommands.Add(show);

var wordsArgument = new Argument<string>("words") { Description = "Words to find in titles and clean text." };
var limitOption = new Option<int>("--limit") { Description = "Most hits to show.", DefaultValueFactory = _ => 20 };
var search = new Command("search", "Full-text search over the clean text, with snippets.") { wordsArgument, limitOption };
search.SetAction((parsed, ct) => Run(commands => commands.SearchAsync(parsed.GetValue(wordsArgument)!, parsed.GetValue(limitOption), ct)));
root.Subcommands.Add(search);

var formatOption = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "jsonl" };
formatOption.AcceptOnlyFromAmong("jsonl");
var sinceOption = new Option<DateTimeOffset?>("--since") { Description = "Only documents received at or after this time (e.g. 2026-11-01)." };
var statusOption = new Option<string?>("--status") { Description = "Only documents with this status." };
statusOption.AcceptOnlyFromAmong("stored", "duplicate", "rejected", "failed");
var export = new Command("export", "Every column of every document, one JSON object per line, on standard output.") { formatOption, sinceOption, statusOption };
export.SetAction((parsed, ct) => Run(commands => commands.ExportAsync(parsed.GetValue(sinceOption), parsed.GetValue(statusOption), ct)));
root.Subcommands.Add(export);

var queueArgument = new Argument<string>("queue") { Description = "The queue to send messages back to: cleaning, language-detection, deduplication, storage (or any MassTransit endpoint queue with an _error queue)." };
var maxOption = new Option<int?>("--max") { Description = "Move at most this many messages (default: all that wait now)." };
maxOption.Validators.Add(r => { if (r.GetValue(maxOption) is < 1) { r.AddError("--max must be at least 1."); } });
var dryRunOption = new Option<bool>("--dry-run") { Description = "List the message and document ids that would move; move nothing." };
var replay = new Command("replay", "Moves the messages of <queue>_error back to <queue> to be processed again, once the cause of the failure is fixed. " +
    "Each message is republished with its id and headers (without MassTransit's MT-Fault-*/MT-Reason/MT-Host-* headers), confirmed by the broker, " +
    "then removed from the error queue. At least once: if replay is killed between the two, the message is in both queues and is processed again, " +
    "which the idempotent stages treat as a redelivery.") { queueArgument, maxOption, dryRunOption };
replay.SetAction((parsed, ct) => new ReplayCommand(settings, console).RunAsync(parsed.GetValue(queueArgument)!, parsed.GetValue(maxOption), parsed.GetValue(dryRunOption), ct));
root.Subcommands.Add(replay);

var fromOption = new Option<string>("--from") { Description = "The stage to re-run from: cleaning (reads the original file from processed/), language-detection, deduplication or storage.", Required = true };
fromOption.AcceptOnlyFromAmong([.. ReprocessMessages.Stages]);
var idsArgument = new Argument<Guid[]>("ids") { Description = "Document ids to re-run (or select with --status / --since / --all).", Arity = ArgumentArity.ZeroOrMore };
var reprocessStatusOption = new Option<string?>("--status") { Description = "Re-run the documents with this status (e.g. failed)." };
reprocessStatusOption.AcceptOnlyFromAmong("stored", "duplicate", "failed");
var reprocessSinceOption = new Option<DateTimeOffset?>("--since") { Description = "Re-run the documents received at or after this time." };
var allOption = new Option<bool>("--all") { Description = "Re-run every document (needed when no id, --status or --since is given)." };
var reprocessLimitOption = new Option<int?>("--limit") { Description = "Re-run at most this many documents (oldest first)." };
reprocessLimitOption.Validators.Add(r => { if (r.GetValue(reprocessLimitOption) is < 1) { r.AddError("--limit must be at least 1."); } });
var dataRootOption = DataRootOption("The data root whose processed/ folder holds the original files (default: Pipeline__DataRoot, else ./data).");
var reprocessDryRunOption = new Option<bool>("--dry-run") { Description = "List the documents that would be re-run; send nothing." };
var reprocess = new Command("reprocess", "Sends stored documents through the pipeline again from a chosen stage, once that stage is fixed or improved. " +
    "Each document gets the stored row's revision plus one, and storage replaces the row when the new pass gets through (a failed re-run leaves the row as it was; " +
    "its fault is in <stage>_error). Deduplication keeps each document's first verdict, so duplicates keep pointing at the same canonical document.")
    { fromOption, idsArgument, reprocessStatusOption, reprocessSinceOption, allOption, reprocessLimitOption, dataRootOption, reprocessDryRunOption };
reprocess.SetAction((parsed, ct) => Run(commands => new ReprocessCommand(settings, commands.Queries, parsed.GetValue(dataRootOption)!, console).RunAsync(
    parsed.GetValue(fromOption)!,
    new ReprocessSelection(parsed.GetValue(idsArgument) ?? [], parsed.GetValue(reprocessStatusOption), parsed.GetValue(reprocessSinceOption), parsed.GetValue(allOption), parsed.GetValue(reprocessLimitOption)),
    parsed.GetValue(reprocessDryRunOption), ct)));
root.Subcommands.Add(reprocess);

var outOption = new Option<string?>("--out") { Description = "Write the file here (e.g. data/site-phrases.txt, what scripts/up.sh gives the cleaner); default: standard output." };
var minDocumentsOption = new Option<int>("--min-documents") { Description = "A line must occur in at least this many distinct articles of its site.", DefaultValueFactory = _ => 5 };
minDocumentsOption.Validators.Add(r => { if (r.GetValue(minDocumentsOption) < 2) { r.AddError("--min-documents must be at least 2."); } });
var minShareOption = new Option<double>("--min-share") { Description = "…and in at least this share of them (0..1).", DefaultValueFactory = _ => 0.5 };
minShareOption.Validators.Add(r => { if (r.GetValue(minShareOption) is <= 0 or > 1) { r.AddError("--min-share must be above 0 and at most 1."); } });
var sitePhrases = new Command("site-phrases", "Finds the lines each site repeats across its stored articles (share buttons, stock disclaimers, follow-us lines) " +
    "and writes them as the cleaner's site phrases file; the cleaner then drops them from that site's documents with the label site-repeat.")
    { outOption, minDocumentsOption, minShareOption };
sitePhrases.SetAction((parsed, ct) => Run(commands => new SitePhrasesCommand(commands.Queries, console, Console.Out).RunAsync(
    parsed.GetValue(outOption), parsed.GetValue(minDocumentsOption), parsed.GetValue(minShareOption), ct)));
root.Subcommands.Add(sitePhrases);

return await root.Parse(args).InvokeAsync();

async Task<int> Run(Func<Commands, Task<int>> command)
{
    await using var dataSource = NpgsqlDataSource.Create(settings.PostgresConnectionString);
    var commands = new Commands(new DocumentQueries(dataSource), () => new QueueMonitor(settings), console, Console.Out);
    try
    {
        return await command(commands);
    }
    catch (Exception e) when (e is NpgsqlException { InnerException: SocketException } or SocketException or TimeoutException)
    {
        console.MarkupLineInterpolated($"[red]Cannot reach {settings.DescribePostgres()}: {e.Message}. Is scripts/up.sh running?[/]");
        return 2;
    }
    catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn)
    {
        console.MarkupLineInterpolated($"[red]{settings.DescribePostgres()} lacks part of the schema ({e.MessageText}): start the services once (scripts/up.sh); they apply the migrations.[/]");
        return 2;
    }
}

static Option<string> DataRootOption(string description) => new("--data-root")
{
    Description = description,
    DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Pipeline__DataRoot") is { Length: > 0 } d ? d : Path.Combine(Environment.CurrentDirectory, "data"),
};
