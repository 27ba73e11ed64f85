namespace AiGov.Cli;

/// <summary>The headers MassTransit adds when it moves a message to an <c>_error</c> queue. A replayed message
/// drops them, so a second failure is reported with its own reason rather than beside the first one's.</summary>
public static class FaultHeaders
{
    public static bool IsFaultHeader(string name) =>
        name.StartsWith("MT-Fault-", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("MT-Host-", StringComparison.OrdinalIgnoreCase)
        || name.Equals("MT-Reason", StringComparison.OrdinalIgnoreCase);

    /// <summary>A copy without the fault headers; every other header (and so the message id) is kept.</summary>
    public static Dictionary<string, object?>? Without(IDictionary<string, object?>? headers) =>
        headers?.Where(h => !IsFaultHeader(h.Key)).ToDictionary(h => h.Key, h => h.Value);
}
