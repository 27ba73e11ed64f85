using System.Text.Json;
using AiGov.Contracts;
using AiGov.Infrastructure.Messaging;
using MassTransit.Serialization;
using Xunit;

namespace AiGov.Infrastructure.Tests;

public sealed class MessageSerializationWarmUpTests
{
    public static TheoryData<string> MessageKinds => ["arrived", "cleaned", "detected", "deduplicated", "rejected"];

    [Theory]
    [MemberData(nameof(MessageKinds))]
    public void EachWarmUpMessage_ComesBackFromMassTransitsSerializer_WithEveryField(string kind)
    {
        var (original, copy) = kind switch
        {
            "arrived" => Pair(WarmUpMessages.Arrived()),
            "cleaned" => Pair(WarmUpMessages.Cleaned()),
            "detected" => Pair(WarmUpMessages.Detected()),
            "deduplicated" => Pair(WarmUpMessages.Deduplicated()),
            "rejected" => Pair(WarmUpMessages.Rejected()),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        Assert.NotSame(original, copy);
        Assert.Equal(Json(original), Json(copy));
        // Every field is set, so the warm-up reaches the metadata of every contract type below the message.
        Assert.DoesNotContain("null", Json(original), StringComparison.Ordinal);
        Assert.DoesNotContain("[]", Json(original), StringComparison.Ordinal);
    }

    [Fact]
    public void TheChainOfMessages_DescribesOneDocument()
    {
        var detected = MessageSerializationWarmUp.RoundTrip(WarmUpMessages.Detected());
        var deduplicated = MessageSerializationWarmUp.RoundTrip(WarmUpMessages.Deduplicated());

        Assert.Equal("en", detected.Language.Code);
        Assert.Equal(1.0, Assert.Single(detected.Language.Shares).Value);
        Assert.Equal("nav", Assert.Single(deduplicated.Content.RemovedBlocks).Label);
        Assert.Equal(deduplicated.DocumentId, deduplicated.StoryId);
        Assert.StartsWith("Warm-up probe", deduplicated.Content.Text, StringComparison.Ordinal);
    }

    private static (object Original, object Copy) Pair<T>(T message)
        where T : class => (message, MessageSerializationWarmUp.RoundTrip(message));

    private static string Json(object message) => JsonSerializer.Serialize(message, message.GetType(), SystemTextJsonMessageSerializer.Options);
}
