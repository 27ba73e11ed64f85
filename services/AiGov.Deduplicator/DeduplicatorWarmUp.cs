using AiGov.Infrastructure.Messaging;
using AiGov.Infrastructure.Persistence;
using AiGov.Text;

namespace AiGov.Deduplicator;

/// <summary>The deduplicator's start-up warm-up: a built-in paragraph fingerprinted and decided exactly as a batch
/// would be (locks, look-ups, index writes), then rolled back (<see cref="NearDuplicateIndex.WarmUpAsync"/>); and the
/// stage's messages read through MassTransit's serializer (<see cref="MessageSerializationWarmUp"/>).</summary>
public static class DeduplicatorWarmUp
{
    private const string Text = """
        Warm-up probe

        The European Parliament and the member states agreed on Friday on how providers of general-purpose AI models
        will have to document their training data, the deduplicator's start-up probe says before it is rolled back.
        """;

    public static Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        MessageSerializationWarmUp.RoundTrip(WarmUpMessages.Detected());
        MessageSerializationWarmUp.RoundTrip(WarmUpMessages.Deduplicated());
        // A random hash: the probe can never be taken for an earlier probe or a real document.
        var probe = DocumentFingerprinter.Compute(Guid.NewGuid(), ContentFingerprint.Sha256Hex(Guid.NewGuid().ToByteArray()), Text);
        return services.GetRequiredService<NearDuplicateIndex>().WarmUpAsync(probe, cancellationToken);
    }
}
