using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace AiGov.Infrastructure.Resilience;

/// <summary>For work that must eventually happen once a dependency is back (start-up probes, the watcher's
/// publishing): each attempt bounded in time, retried with capped exponential backoff and one log line per
/// attempt, until it succeeds or the service stops.</summary>
public static class RetryForever
{
    public static ResiliencePipeline Create(ILogger logger, string dependency, TimeSpan? attemptTimeout = null) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException || e is TimeoutRejectedException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(15),
                UseJitter = true,
                OnRetry = args =>
                {
                    logger.LogWarning(
                        "{Dependency} is not reachable (attempt {Attempt}: {Reason}); retrying in {Delay:0.0} s. Start it (scripts/up.sh) or fix the connection settings.",
                        dependency, args.AttemptNumber + 1, OneLine(args.Outcome.Exception), args.RetryDelay.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(attemptTimeout ?? TimeSpan.FromSeconds(30))
            .Build();

    private static string OneLine(Exception? exception)
    {
        if (exception is null)
        {
            return "no answer";
        }
        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }
        var text = innermost == exception ? exception.Message : $"{exception.Message} ({innermost.Message})";
        return text.ReplaceLineEndings(" ");
    }
}
