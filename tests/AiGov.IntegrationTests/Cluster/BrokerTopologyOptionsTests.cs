using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AiGov.IntegrationTests.Infrastructure;
using Xunit;

namespace AiGov.IntegrationTests.Cluster;

/// <summary>The cleaner as a process against a throwaway virtual host: <c>RabbitMq__QuorumQueues</c> decides the type of
/// its stage queue, and <c>RabbitMq__Nodes</c> with an unreachable node in the list still gets it connected and
/// consuming (a node that refuses the connection is skipped). The three-node cluster itself, with a node SIGKILLed
/// mid-stream, is scripts/cluster-test.sh.</summary>
public sealed class BrokerTopologyOptionsTests
{
    [Fact]
    public async Task ByDefault_TheStageQueueIsAClassicDurableQueue()
    {
        await using var rig = await Rig.StartAsync(new Dictionary<string, string>());

        var queue = await rig.QueueAsync("cleaning");

        Assert.Equal("classic", queue.GetProperty("type").GetString());
        Assert.True(queue.GetProperty("durable").GetBoolean());
        Assert.True(queue.GetProperty("consumers").GetInt32() >= 1, $"no consumer on cleaning:\n{rig.Tail()}");
    }

    [Fact]
    public async Task WithQuorumQueuesAndANodeList_TheStageQueueIsAQuorumQueue_ReachedPastADeadNode()
    {
        var deadNode = $"127.0.0.1:{FreePort.Next()}";
        await using var rig = await Rig.StartAsync(new Dictionary<string, string>
        {
            ["RabbitMq__QuorumQueues"] = "true",
            // A dead port first: the start-up probe always tries it first and must go on to the live broker; the bus
            // starts at a random node of the list and goes past the dead one when it lands there.
            ["RabbitMq__Nodes"] = $"{deadNode},{{rabbit}}",
        });

        var queue = await rig.QueueAsync("cleaning");

        Assert.Equal("quorum", queue.GetProperty("type").GetString());
        Assert.Equal("quorum", queue.GetProperty("arguments").GetProperty("x-queue-type").GetString());
        Assert.True(queue.GetProperty("consumers").GetInt32() >= 1, $"no consumer on cleaning:\n{rig.Tail()}");
    }

    private sealed class Rig : IAsyncDisposable
    {
        private readonly TestServers _servers;
        private readonly ThrowawayVirtualHost _virtualHost;
        private readonly ServiceProcess _cleaner;
        private readonly HttpClient _http;
        private readonly string _logDirectory;

        private Rig(TestServers servers, ThrowawayVirtualHost virtualHost, ServiceProcess cleaner, HttpClient http, string logDirectory)
        {
            _servers = servers;
            _virtualHost = virtualHost;
            _cleaner = cleaner;
            _http = http;
            _logDirectory = logDirectory;
        }

        public static async Task<Rig> StartAsync(Dictionary<string, string> settings)
        {
            var servers = await TestServers.StartAsync();
            var rabbit = servers.Rabbit;
            var virtualHost = await ThrowawayVirtualHost.CreateAsync(rabbit);
            var logDirectory = Directory.CreateTempSubdirectory("aigov-topology-").FullName;
            var environment = rabbit.ServiceSettings(virtualHost.Name);
            environment["MASSTRANSIT_USAGE_TELEMETRY"] = "false";
            foreach (var (key, value) in settings)
            {
                // {rabbit}: the test broker as host:port
                environment[key] = value.Replace("{rabbit}", $"{rabbit.Host}:{rabbit.AmqpPort}", StringComparison.Ordinal);
            }
            var http = new HttpClient { BaseAddress = new Uri($"http://{rabbit.Host}:{rabbit.ManagementPort}/api/") };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{rabbit.Username}:{rabbit.Password}")));
            var cleaner = ServiceProcess.Start("AiGov.Cleaner", environment, logDirectory);
            var rig = new Rig(servers, virtualHost, cleaner, http, logDirectory);
            try
            {
                await cleaner.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            }
            catch
            {
                await rig.DisposeAsync();
                throw;
            }
            return rig;
        }

        /// <summary>The queue as the management API shows it, once it exists and has a consumer (or after 30 s).</summary>
        public async Task<JsonElement> QueueAsync(string name)
        {
            JsonElement last = default;
            for (var attempt = 0; attempt < 60; attempt++)
            {
                var response = await _http.GetAsync($"queues/{Uri.EscapeDataString(_virtualHost.Name)}/{Uri.EscapeDataString(name)}");
                if (response.IsSuccessStatusCode)
                {
                    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    last = json.RootElement.Clone();
                    if (last.TryGetProperty("consumers", out var consumers) && consumers.GetInt32() >= 1)
                    {
                        return last;
                    }
                }
                await Task.Delay(500);
            }
            return last.ValueKind == JsonValueKind.Undefined
                ? throw new InvalidOperationException($"queue {name} was never declared in {_virtualHost.Name}:\n{Tail()}")
                : last;
        }

        public string Tail() => _cleaner.Tail();

        public async ValueTask DisposeAsync()
        {
            await _cleaner.DisposeAsync();
            _http.Dispose();
            await _virtualHost.DisposeAsync();
            await _servers.DisposeAsync();
            try
            {
                Directory.Delete(_logDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
