using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AiGov.Infrastructure.Messaging;

/// <summary>Bound from the <c>Stage</c> configuration section (<c>Stage__TimeoutSeconds</c>).</summary>
public sealed class StageTimeLimitOptions
{
    public const string SectionName = "Stage";

    /// <summary>Longest a stage may work on one document. Above what the largest admitted file takes here (15 s for
    /// a 9.5 MiB HTML page on a busy 2-core machine), far below RabbitMQ's consumer_timeout (30 min), after which the broker would
    /// close the channel and redeliver the message, again and again.</summary>
    [Range(0.001, 1800)]
    public double TimeoutSeconds { get; set; } = 60;

    /// <summary>Documents in work at once in one process; 0 (the default) means one per core. Work the stage gave up on
    /// keeps its place until it has really stopped, so work that runs on after its limit cannot pile up and starve the
    /// documents behind it (the consumer's prefetch may stay higher: those messages wait for a place).</summary>
    [Range(0, 1024)]
    public int MaxDocumentsInWork { get; set; }
}

/// <summary>A document that kept a stage busy longer than <see cref="StageTimeLimitOptions.TimeoutSeconds"/>. Not
/// retried (the same document would take as long again): the message goes to <c>&lt;queue&gt;_error</c> and the
/// document becomes a <c>failed</c> row with this message as its reason.</summary>
public sealed class StageTimeoutException(string stage, TimeSpan limit)
    : Exception($"{ReasonCode}: {stage} gave up on the document after {limit.TotalSeconds:0.###} s (the limit, Stage__TimeoutSeconds); " +
                "it is pathological for this stage: split or simplify it and drop it again, or raise the limit and replay it")
{
    /// <summary>The reason code that begins the message, and so the <c>failed</c> row's error after the stage.</summary>
    public const string ReasonCode = "timeout";
}

/// <summary>Runs a stage's CPU work on a document under the configured time limit. The work gets a token that is
/// cancelled at the limit and should check it between steps; the consumer stops waiting at the limit either way, so
/// one document never holds a consumer longer than that. At most <see cref="DocumentsInWork"/> documents are in work at
/// once; a place is taken before the work starts and given back only when the work has ended, limit or not.</summary>
public sealed class StageTimeLimit
{
    private readonly SemaphoreSlim _places;

    public StageTimeLimit(IOptions<StageTimeLimitOptions> options)
    {
        Limit = TimeSpan.FromSeconds(options.Value.TimeoutSeconds);
        DocumentsInWork = options.Value.MaxDocumentsInWork > 0 ? options.Value.MaxDocumentsInWork : Environment.ProcessorCount;
        _places = new SemaphoreSlim(DocumentsInWork, DocumentsInWork);
    }

    public TimeSpan Limit { get; }

    /// <summary>Documents in work at once in this process.</summary>
    public int DocumentsInWork { get; }

    public async Task<T> RunAsync<T>(string stage, Func<CancellationToken, T> work, CancellationToken consumeToken)
    {
        // The time limit starts with the work, not while waiting for a place.
        await _places.WaitAsync(consumeToken);
        using var limited = CancellationTokenSource.CreateLinkedTokenSource(consumeToken);
        limited.CancelAfter(Limit);
        // The token is taken now: work that the thread pool starts only after this method has returned (and disposed
        // the source) must still get its cancelled token, not an ObjectDisposedException before it runs at all.
        var token = limited.Token;
        var running = Task.Run(() =>
        {
            try
            {
                return work(token);
            }
            finally
            {
                _places.Release();
            }
        }, CancellationToken.None);
        try
        {
            return await running.WaitAsync(limited.Token);
        }
        catch (OperationCanceledException) when (!consumeToken.IsCancellationRequested)
        {
            // The work ends at its next check of the token; nobody waits for it.
            _ = running.ContinueWith(static t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            throw new StageTimeoutException(stage, Limit);
        }
    }
}

public static class StageTimeLimitRegistration
{
    public static IHostApplicationBuilder AddStageTimeLimit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StageTimeLimitOptions>()
            .BindConfiguration(StageTimeLimitOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<StageTimeLimit>();
        return builder;
    }
}
