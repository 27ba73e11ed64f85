using System.Diagnostics;
using AiGov.IntegrationTests.Infrastructure;
using Xunit;

namespace AiGov.IntegrationTests.Deployment;

/// <summary>No image registry is reachable where the tests run, so the stack cannot be started; the compose CLI
/// still validates and normalises the file. Skipped, saying so, where no compose CLI is installed.</summary>
public sealed class ComposeFileTests
{
    [SkippableFact]
    public async Task ComposeFile_IsValid_AndPublishesPortsOnLoopbackOnly()
    {
        var compose = await FindComposeAsync();
        Skip.If(compose is null, "No compose CLI here (neither 'docker compose' nor 'docker-compose'): docker-compose.yml was not validated.");

        var (exitCode, output, error) = await RunAsync(compose!.Value.File, [.. compose.Value.Prefix, "--env-file", ".env.example", "config"]);

        Assert.True(exitCode == 0, $"compose config failed: {error}");
        foreach (var port in new[] { "5672", "15672", "5432" })
        {
            Assert.Matches($"(published: \"?{port}\"?|{port}:{port})", output);
        }
        Assert.DoesNotMatch(@"host_ip: 0\.0\.0\.0", output);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(output, @"host_ip: 127\.0\.0\.1|127\.0\.0\.1:\d+:\d+").Count);
        foreach (var service in new[] { "watcher", "cleaner", "language-detector", "deduplicator", "storage", "rabbitmq", "postgres" })
        {
            Assert.Contains($"  {service}:", output);
        }
        Assert.Contains("condition: service_healthy", output);
    }

    private static async Task<(string File, string[] Prefix)?> FindComposeAsync()
    {
        foreach (var (file, prefix) in new[] { ("docker", new[] { "compose" }), ("docker-compose", Array.Empty<string>()) })
        {
            try
            {
                if ((await RunAsync(file, [.. prefix, "version"])).ExitCode == 0)
                {
                    return (file, prefix);
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
            }
        }
        return null;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
