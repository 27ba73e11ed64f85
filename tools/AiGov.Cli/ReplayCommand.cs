using AiGov.Contracts;
using RabbitMQ.Client.Exceptions;
using Spectre.Console;

namespace AiGov.Cli;

/// <summary>`aigov replay`: sends the messages of an <c>X_error</c> queue back to <c>X</c> once the cause is fixed.
/// Any queue is accepted whose error queue and same-named exchange exist, as MassTransit makes for every receive
/// endpoint: the four stage queues, and endpoints added later, without a list to keep up to date here.</summary>
public sealed class ReplayCommand(CliSettings settings, IAnsiConsole console)
{
    public async Task<int> RunAsync(string queue, int? max, bool dryRun, CancellationToken ct)
    {
        if (queue.EndsWith("_error", StringComparison.Ordinal))
        {
            queue = queue[..^"_error".Length];
        }
        ErrorQueueReplayer replayer;
        try
        {
            replayer = await ErrorQueueReplayer.ConnectAsync(settings, ct);
        }
        catch (BrokerUnreachableException e)
        {
            console.MarkupLineInterpolated($"[red]cannot reach {settings.DescribeRabbitMq()}: {Reason(e)} — is scripts/up.sh running?[/]");
            return 2;
        }
        await using (replayer)
        {
            try
            {
                return await ReplayAsync(replayer, queue, max, dryRun, ct);
            }
            catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException)
            {
                // An unknown virtual host or a missing permission: the broker accepts the login, then closes.
                console.MarkupLineInterpolated($"[red]{settings.DescribeRabbitMq()} refused: {Reason(e)} — check RabbitMq__VirtualHost and the user's permissions.[/]");
                return 2;
            }
        }
    }

    private async Task<int> ReplayAsync(ErrorQueueReplayer replayer, string queue, int? max, bool dryRun, CancellationToken ct)
    {
        var waiting = await replayer.WaitingAsync(queue, ct);
        if (waiting is null)
        {
            console.MarkupLineInterpolated($"[red]no queue '{ErrorQueueReplayer.ErrorQueue(queue)}' (beside a queue and exchange '{queue}') in virtual host '{settings.VirtualHost}'[/] — queues with errors: {await WithErrorsAsync(replayer, ct)}");
            return 1;
        }
        // Bounded by what waits now: a message that fails again returns to the error queue and must not be moved twice.
        var limit = (int)Math.Min(waiting.Value, (uint)Math.Max(0, max ?? int.MaxValue));
        return dryRun ? await ListAsync(replayer, queue, limit, waiting.Value, ct) : await MoveAsync(replayer, queue, limit, ct);
    }

    private async Task<int> ListAsync(ErrorQueueReplayer replayer, string queue, int limit, uint waiting, CancellationToken ct)
    {
        var messages = await replayer.PeekAsync(queue, limit, ct);
        if (messages.Count > 0)
        {
            var table = new Table().AddColumns("message id", "document id");
            foreach (var message in messages)
            {
                table.AddRow(Markup.Escape(message.MessageId ?? "-"), Markup.Escape(message.DocumentId ?? "-"));
            }
            console.Write(table);
        }
        console.MarkupLineInterpolated($"replay: dry run, would move {messages.Count} message(s) from {ErrorQueueReplayer.ErrorQueue(queue)} to {queue} ({waiting} waiting); nothing moved");
        return 0;
    }

    private async Task<int> MoveAsync(ErrorQueueReplayer replayer, string queue, int limit, CancellationToken ct)
    {
        var moved = 0;
        try
        {
            await console.Progress().AutoClear(false).StartAsync(async progress =>
            {
                var task = progress.AddTask($"{Markup.Escape(ErrorQueueReplayer.ErrorQueue(queue))} → {Markup.Escape(queue)}", maxValue: Math.Max(1, limit));
                moved = await replayer.MoveAsync(queue, limit, _ => task.Increment(1), ct);
                task.Value = task.MaxValue;
            });
        }
        catch (Exception e) when (e is PublishException or OperationInterruptedException or AlreadyClosedException)
        {
            console.MarkupLineInterpolated($"[red]replay stopped after {moved} message(s): {e.Message}. The message being moved stays in {ErrorQueueReplayer.ErrorQueue(queue)}.[/]");
            return 1;
        }
        console.MarkupLineInterpolated($"replay: moved {moved} message(s) from {ErrorQueueReplayer.ErrorQueue(queue)} to {queue}");
        return 0;
    }

    private static async Task<string> WithErrorsAsync(ErrorQueueReplayer replayer, CancellationToken ct)
    {
        var existing = new List<(string Queue, uint Waiting)>();
        foreach (var stage in QueueNames.All)
        {
            if (await replayer.WaitingAsync(stage, ct) is { } waiting)
            {
                existing.Add((stage, waiting));
            }
        }
        var withErrors = existing.Where(q => q.Waiting > 0).Select(q => $"{q.Queue} ({q.Waiting} in {ErrorQueueReplayer.ErrorQueue(q.Queue)})").ToList();
        return withErrors.Count > 0 ? string.Join(", ", withErrors)
            : existing.Count > 0 ? $"none; the error queues of {string.Join(", ", existing.Select(q => q.Queue))} are empty"
            : "none; no stage queue exists yet (start the services once)";
    }

    private static string Reason(Exception e) => e switch
    {
        OperationInterruptedException { ShutdownReason: { } reason } => reason.ReplyText,
        _ => e.GetBaseException().Message,
    };
}
