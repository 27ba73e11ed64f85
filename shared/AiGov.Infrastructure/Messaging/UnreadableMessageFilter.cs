using System.Runtime.Serialization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiGov.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiGov.Infrastructure.Messaging;

/// <summary>What a body that is not a valid message still says about its document.</summary>
public sealed record RecoveredDocument(Guid DocumentId, string? FileName);

/// <summary>Finds the document id (and file name) in the text of a body that could not be deserialized: a broken
/// envelope usually still holds <c>"documentId": "…"</c>. Only the first <see cref="MaxBytesRead"/> bytes are read,
/// with patterns that run in linear time.</summary>
public static partial class UnreadableBody
{
    public const int MaxBytesRead = 1 << 20;

    public static RecoveredDocument? Recover(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, MaxBytesRead)]);
        var id = DocumentIdPattern().Match(text);
        if (!id.Success || !Guid.TryParse(id.Groups["id"].ValueSpan, out var documentId))
        {
            return null;
        }
        var name = FileNamePattern().Match(text);
        return new RecoveredDocument(documentId, name.Success ? Unescape(name.Groups["name"].Value) : null);
    }

    private static string? Unescape(string jsonStringContent)
    {
        try
        {
            return JsonSerializer.Deserialize<string>($"\"{jsonStringContent}\"");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("""
        "documentId"\s*:\s*"(?<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"
        """, RegexOptions.IgnoreCase | RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex DocumentIdPattern();

    [GeneratedRegex("""
        "fileName"\s*:\s*"(?<name>(?:[^"\\\r\n]|\\.){1,1024})"
        """, RegexOptions.IgnoreCase | RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}

/// <summary>
/// In every stage endpoint's error pipe, before MassTransit's own fault and <c>_error</c> filters: a message whose body
/// could not be read (not JSON, not an envelope, a message of the wrong shape) reaches no consumer, so no
/// <c>Fault&lt;T&gt;</c> and no <c>failed</c> row would ever say what became of its document. This filter publishes
/// <see cref="MessageUnreadable"/> for it, with the document id when the body still names one, then lets the message go
/// on to <c>&lt;queue&gt;_error</c> as before.
/// </summary>
public sealed class UnreadableMessageFilter(IServiceProvider services, string queue, ILogger<UnreadableMessageFilter> logger) : IFilter<ExceptionReceiveContext>
{
    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        if (!context.IsFaulted && IsUnreadable(context.Exception))
        {
            try
            {
                var recovered = UnreadableBody.Recover(context.Body.GetBytes());
                var unreadable = new MessageUnreadable
                {
                    DocumentId = recovered?.DocumentId,
                    FileName = recovered?.FileName,
                    Queue = queue,
                    MessageId = context.GetMessageId(),
                    Reason = $"unreadable_message: {context.Exception.GetType().Name}: {context.Exception.Message}",
                    At = DateTimeOffset.UtcNow,
                };
                await services.GetRequiredService<IBus>().Publish(unreadable, context.CancellationToken);
                logger.LogError("A message on {Queue} could not be read ({Reason}); document {DocumentId}; it waits in {Queue}_error",
                    queue, unreadable.Reason, recovered?.DocumentId.ToString() ?? "unknown", queue);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "A message on {Queue} could not be read, and telling storage failed too ({Error}); it waits in {Queue}_error", queue, e.Message, queue);
            }
        }
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("aigov-unreadable-message");

    /// <summary>The body itself is wrong: MassTransit could not deserialize it (it throws a SerializationException
    /// around the reader's error). A consumer's own failure never counts: its <c>Fault&lt;T&gt;</c> already says it.</summary>
    public static bool IsUnreadable(Exception exception) => exception switch
    {
        SerializationException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsUnreadable),
        _ when exception.InnerException is { } inner => IsUnreadable(inner),
        _ => false,
    };
}
