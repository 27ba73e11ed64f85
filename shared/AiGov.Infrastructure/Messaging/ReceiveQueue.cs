using MassTransit;

namespace AiGov.Infrastructure.Messaging;

public static class ReceiveQueue
{
    /// <summary>The queue a message was received from: the last segment of the endpoint's input address.</summary>
    public static string NameOf(ReceiveContext context) =>
        context.InputAddress?.AbsolutePath.Trim('/').Split('/').LastOrDefault() ?? "unknown";
}
