using System.Net.Sockets;
using System.Text.RegularExpressions;
using MassTransit;
using Npgsql;

namespace AiGov.Infrastructure.Messaging;

/// <summary>Errors that say a dependency is briefly away (restarting, overloaded), not that the message is bad.</summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        NpgsqlException npgsql when npgsql.IsTransient => true,
        // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up).
        PostgresException { SqlState: "57P01" or "57P02" or "57P03" } => true,
        // A pattern that ran out of time on a document is the document's doing, not a dependency's: the same input
        // would time out again.
        RegexMatchTimeoutException => false,
        SocketException or TimeoutException => true,
        RabbitMqConnectionException => true,
        _ when exception.InnerException is { } inner => IsTransient(inner),
        _ => false,
    };
}
