using System.Net.Sockets;
using AiGov.Infrastructure.Messaging;
using Npgsql;
using Xunit;

namespace AiGov.Infrastructure.Tests;

public sealed class TransientFailuresTests
{
    [Fact]
    public void IsTransient_ForUnreachableDependencies_EvenWhenWrapped()
    {
        Assert.True(TransientFailures.IsTransient(new SocketException((int)SocketError.ConnectionRefused)));
        Assert.True(TransientFailures.IsTransient(new TimeoutException()));
        Assert.True(TransientFailures.IsTransient(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(TransientFailures.IsTransient(new InvalidOperationException("wrapper", new TimeoutException())));
    }

    [Fact]
    public void IsTransient_IsFalse_ForBadInputAndBugs()
    {
        Assert.False(TransientFailures.IsTransient(new FormatException("no_text")));
        Assert.False(TransientFailures.IsTransient(new NullReferenceException()));
        Assert.False(TransientFailures.IsTransient(new InvalidOperationException("Parameter 'hash' must have a value")));
    }
}
