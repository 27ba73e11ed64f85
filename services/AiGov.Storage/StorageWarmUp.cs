using AiGov.Infrastructure.Messaging;
using AiGov.Infrastructure.Persistence;

namespace AiGov.Storage;

/// <summary>The storage service's start-up warm-up: the stage's messages read through MassTransit's serializer
/// (<see cref="MessageSerializationWarmUp"/>), and one built-in finished document mapped and written exactly as a
/// batch would be, then rolled back (<see cref="DocumentStore.WarmUpAsync"/>).</summary>
public static class StorageWarmUp
{
    public static Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        MessageSerializationWarmUp.RoundTrip(WarmUpMessages.Rejected());
        // A document of its own story, not a duplicate: its duplicate_of would point at a row that does not exist.
        var probe = MessageSerializationWarmUp.RoundTrip(WarmUpMessages.Deduplicated()) with { Duplicate = null };
        return services.GetRequiredService<DocumentStore>().WarmUpAsync(StoredDocument.From(probe, probe.Trail), cancellationToken);
    }
}
