using AiGov.Infrastructure.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace AiGov.Infrastructure.Tests;

public sealed class RabbitMqOptionsTests
{
    [Fact]
    public void Defaults_AreOneBrokerWithClassicQueues()
    {
        var options = Bind(new Dictionary<string, string?>());

        Assert.False(options.IsCluster);
        Assert.False(options.QuorumQueues);
        Assert.Equal([new BrokerNode("127.0.0.1", 5672)], options.ClusterNodes());
        Assert.Equal("amqp://guest@127.0.0.1:5672/", options.Describe());
    }

    [Fact]
    public void NodesAndQuorumQueues_BindFromConfiguration_AsEnvironmentVariablesGiveThem()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["RabbitMq:Nodes"] = "127.0.0.1:5701, 127.0.0.1:5702,localhost",
            ["RabbitMq:Port"] = "5703",
            ["RabbitMq:QuorumQueues"] = "true",
        });

        Assert.True(options.IsCluster);
        Assert.True(options.QuorumQueues);
        Assert.Equal(
            [new BrokerNode("127.0.0.1", 5701), new BrokerNode("127.0.0.1", 5702), new BrokerNode("localhost", 5703)],
            options.ClusterNodes());
        Assert.Equal("amqp://guest@{127.0.0.1:5701,127.0.0.1:5702,localhost:5703}/", options.Describe());
    }

    [Theory]
    [InlineData("amqp://127.0.0.1:5701", "without a scheme")]
    [InlineData("127.0.0.1:notaport", "not a number")]
    [InlineData("127.0.0.1:70000", "not a number from 1 to 65535")]
    [InlineData(":5701", "has no host")]
    [InlineData("::1:5701", "several ':'")]
    [InlineData("127.0.0.1:5701,127.0.0.1:5701", "names a node twice")]
    [InlineData(" , ", "names no node")]
    public void BadNodes_FailValidation_WithTheReason(string nodes, string reason)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new Dictionary<string, string?> { ["RabbitMq:Nodes"] = nodes }));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("RabbitMq:Nodes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RotateNodes_StartsAtTheGivenNode_AndKeepsEveryNodeOnce()
    {
        BrokerNode[] nodes = [new("a", 1), new("b", 2), new("c", 3)];

        Assert.Equal(nodes, BusRegistration.RotateNodes(nodes, 0));
        Assert.Equal([nodes[1], nodes[2], nodes[0]], BusRegistration.RotateNodes(nodes, 1));
        Assert.Equal([nodes[2], nodes[0], nodes[1]], BusRegistration.RotateNodes(nodes, 5));
        Assert.Equal([nodes[2], nodes[0], nodes[1]], BusRegistration.RotateNodes(nodes, -1));
    }

    private static RabbitMqOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddOptions<RabbitMqOptions>().BindConfiguration(RabbitMqOptions.SectionName).ValidateDataAnnotations();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
    }
}
