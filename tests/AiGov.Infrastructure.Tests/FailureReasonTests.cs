using AiGov.Infrastructure.Messaging;
using AiGov.Infrastructure.Persistence;
using Xunit;

namespace AiGov.Infrastructure.Tests;

public sealed class FailureReasonTests
{
    [Theory]
    [InlineData("AiGov.Text.UnreadableDocumentException", "too_large: the PDF expands beyond what the cleaner reads", "too_large: the PDF expands beyond what the cleaner reads")]
    [InlineData("AiGov.Text.UnreadableDocumentException", "no_text: the html file holds no letters", "no_text: the html file holds no letters")]
    [InlineData("AiGov.Infrastructure.Messaging.PoisonMessageException", "poison: the message was delivered 3 times", "poison: the message was delivered 3 times")]
    [InlineData("Npgsql.PostgresException", "57P01: terminating connection", "Npgsql.PostgresException: 57P01: terminating connection")]
    [InlineData("System.InvalidOperationException", "Sequence contains no elements", "System.InvalidOperationException: Sequence contains no elements")]
    [InlineData("System.Exception", "Value: out of range", "System.Exception: Value: out of range")]
    [InlineData("System.Exception", "bad value: x", "System.Exception: bad value: x")]
    [InlineData("System.Exception", "", "System.Exception: ")]
    public void A_message_that_begins_with_a_reason_code_is_the_reason(string type, string message, string expected)
    {
        Assert.Equal(expected, FailureReason.Of(type, message));
    }

    [Fact]
    public void The_pipelines_own_exceptions_begin_with_their_codes()
    {
        Assert.Equal("timeout", new StageTimeoutException("cleaning", TimeSpan.FromSeconds(60)).Message.Split(": ")[0]);
        Assert.Equal("poison", new PoisonMessageException(3).Message.Split(": ")[0]);
        Assert.True(FailureReason.StartsWithReasonCode(new StageTimeoutException("language-detection", TimeSpan.FromSeconds(1)).Message));
    }
}
