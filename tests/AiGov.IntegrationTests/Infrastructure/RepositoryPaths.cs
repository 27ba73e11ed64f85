using System.Net;
using System.Reflection;
using System.Net.Sockets;

namespace AiGov.IntegrationTests.Infrastructure;

public static class RepositoryPaths
{
    /// <summary>The checkout this test assembly was built from (the folder holding AiGovPipeline.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the services are run from the same configuration as the tests.</summary>
    public static string Configuration { get; } =
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string Seed(string name) => Path.Combine(AppContext.BaseDirectory, "seeds", name);

    public static IReadOnlyList<string> Seeds() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seeds"), "*.txt").Order(StringComparer.Ordinal).ToList();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiGovPipeline.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No AiGovPipeline.sln above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}

public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
