using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace AiGov.Infrastructure.Hosting;

/// <summary>One line per log entry, an exception reduced to its type and messages: a broker that is down for a
/// minute gives one short line per reconnect attempt, not a stack trace each time.</summary>
internal sealed class OneLineConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "aigov-one-line";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }
        textWriter.Write(DateTimeOffset.Now.ToString("HH:mm:ss.fff"));
        textWriter.Write(' ');
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write(' ');
        textWriter.Write(OneLine(message));
        if (logEntry.Exception is { } exception)
        {
            textWriter.Write(" | ");
            textWriter.Write(OneLine(Summarise(exception)));
        }
        textWriter.Write(Environment.NewLine);
    }

    /// <summary>"Type: message (InnerType: inner message)", without stack traces.</summary>
    public static string Summarise(Exception exception)
    {
        var text = $"{exception.GetType().Name}: {FirstLine(exception.Message)}";
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            text += $" ({inner.GetType().Name}: {FirstLine(inner.Message)})";
        }
        return text;
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    private static string OneLine(string text) => text.Contains('\n') || text.Contains('\r') ? text.ReplaceLineEndings(" ") : text;

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
