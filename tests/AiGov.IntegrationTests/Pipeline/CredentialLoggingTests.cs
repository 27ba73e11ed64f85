using System.Text;
using AiGov.IntegrationTests.Infrastructure;
using Npgsql;
using Xunit;

namespace AiGov.IntegrationTests.Pipeline;

/// <summary>Issue #7, security: whatever the services log about their connections, never a password.</summary>
[Collection(PipelineCollection.Name)]
public sealed class CredentialLoggingTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task ServiceLogs_NameTheirServers_ButNeverAPassword()
    {
        // Something to log about first: a document through every stage.
        var fileName = $"credentials/{Guid.NewGuid():N}.txt";
        await pipeline.DropAsync(fileName, Encoding.UTF8.GetBytes(
            "Auditors publish the registry of public algorithms\n\nThe national audit office published the registry of algorithms used by ministries, with their purpose and the data they use."));
        await pipeline.WaitForRowsAsync([fileName], TimeSpan.FromSeconds(90));

        var databasePassword = new NpgsqlConnectionStringBuilder(pipeline.DatabaseConnectionString).Password!;
        var logs = pipeline.ServiceLogs();
        Assert.Equal(5, logs.Count);
        foreach (var (service, log) in logs)
        {
            Assert.DoesNotContain(pipeline.DatabaseConnectionString, log);
            Assert.DoesNotContain($"Password={databasePassword}", log, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain($":{pipeline.Rabbit.Password}@", log);
            Assert.False(log.Length == 0, $"{service} logged nothing");
        }
        // The services do say where they connect, without the secret.
        Assert.Contains(logs.Values, log => log.Contains($"{pipeline.Rabbit.Username}@{pipeline.Rabbit.Host}", StringComparison.Ordinal));
    }
}
