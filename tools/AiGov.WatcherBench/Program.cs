using System.Diagnostics;
using System.Text;
using AiGov.IntegrationTests.Watcher.Rig;

// Usage: dotnet run -c Release --project tools/AiGov.WatcherBench -- [files=10000] [outageSeconds=20] [outageFiles=1000]
// Needs AIGOV_TEST_POSTGRES and AIGOV_TEST_RABBITMQ_HOST (as for the integration tests) and a Release build of the watcher.
var files = args.Length > 0 ? int.Parse(args[0]) : 10_000;
var outageSeconds = args.Length > 1 ? int.Parse(args[1]) : 20;
var outageFiles = args.Length > 2 ? int.Parse(args[2]) : 1_000;

await using var rig = await WatcherRig.CreateAsync(new WatcherSettings { BehindProxy = true });
await rig.StartWatcherAsync();
Console.WriteLine($"watcher pid {rig.Watcher!.Id}, data root {rig.DataRoot}; settle 500 ms, 8 files at once (defaults)");
Console.WriteLine($"idle peak RSS: {Mib(rig.Watcher.PeakResidentBytes())} MiB");

var burst = Enumerable.Range(0, files).Select(i => $"burst/{i % 100:00}/doc-{i:000000}.txt").ToList();
var body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("A paragraph of an AI governance news article. ", 100)));
var clock = Stopwatch.StartNew();
foreach (var name in burst)
{
    rig.Drop(name, body);
}
var dropped = clock.Elapsed;
await rig.Messages.WaitForFilesAsync(burst, TimeSpan.FromMinutes(20), () => rig.LogTail());
await rig.WaitUntilInboxIsEmptyAsync(TimeSpan.FromMinutes(5));
var burstTime = clock.Elapsed;
var distinct = rig.Messages.All.Select(m => m.DocumentId).Distinct().Count();
Console.WriteLine($"burst: {files} files of {body.Length} bytes written in {dropped.TotalSeconds:0.0} s; all published and moved after {burstTime.TotalSeconds:0.0} s " +
    $"=> {files / burstTime.TotalSeconds:0} files/s; {rig.Messages.All.Count} messages, {distinct} distinct ids");
Console.WriteLine($"burst peak RSS (VmHWM): {Mib(rig.Watcher.PeakResidentBytes())} MiB");

var before = rig.Messages.All.Count;
rig.Proxy!.Cut();
var waiting = Enumerable.Range(0, outageFiles).Select(i => $"outage/doc-{i:00000}.txt").ToList();
foreach (var name in waiting)
{
    rig.Drop(name, body);
}
await Task.Delay(TimeSpan.FromSeconds(outageSeconds));
Console.WriteLine($"outage: broker cut for {outageSeconds} s with {outageFiles} files dropped; {rig.InboxFiles().Count} still in the inbox, {rig.Messages.All.Count - before} published meanwhile");
rig.Proxy.Restore();
clock.Restart();
await rig.Messages.WaitUntilAsync(all => all.Count > before, TimeSpan.FromMinutes(5), () => rig.LogTail());
var firstAfter = clock.Elapsed;
await rig.Messages.WaitForFilesAsync(waiting, TimeSpan.FromMinutes(5), () => rig.LogTail());
await rig.WaitUntilInboxIsEmptyAsync(TimeSpan.FromMinutes(5));
Console.WriteLine($"resume: first message {firstAfter.TotalSeconds:0.0} s after the broker came back; all {outageFiles} published and moved after {clock.Elapsed.TotalSeconds:0.0} s");
Console.WriteLine($"retry lines logged during the outage: {rig.Log().Split('\n').Count(l => l.Contains("is not reachable (attempt", StringComparison.Ordinal))}");

static long Mib(long? bytes) => (bytes ?? 0) / 1048576;
