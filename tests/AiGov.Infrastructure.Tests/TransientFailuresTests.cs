using System.Net.Sockets;
using System.Text.RegularExpressions;
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

    [Fact]
    public void IsTransient_IsFalse_ForARegexThatRanOutOfTime_ThoughItIsATimeoutException()
    {
        var timeout = new RegexMatchTimeoutException("**a **a **a", @"(\*\*)(.+?)\1", TimeSpan.FromSeconds(1));

        Assert.IsAssignableFrom<TimeoutException>(timeout);
        Assert.False(TransientFailures.IsTransient(timeout));
        Assert.False(TransientFailures.IsTransient(new InvalidOperationException("wrapper", timeout)));
    }
}
