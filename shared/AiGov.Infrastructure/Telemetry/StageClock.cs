using System.Diagnostics;
using AiGov.Contracts;

namespace AiGov.Infrastructure.Telemetry;

/// <summary>Times one stage's work on a document and appends it to the document's trail.</summary>
public readonly struct StageClock
{
    private readonly string _stage;
    private readonly DateTimeOffset _startedAt;
    private readonly long _started;

    private StageClock(string stage)
    {
        _stage = stage;
        _startedAt = DateTimeOffset.UtcNow;
        _started = Stopwatch.GetTimestamp();
    }

    public static StageClock Start(string stage) => new(stage);

    /// <summary>The trail so far plus this stage's visit, ending now.</summary>
    public IReadOnlyList<StageVisit> AppendTo(IReadOnlyList<StageVisit> trail) =>
        [.. trail, new StageVisit
        {
            Stage = _stage,
            Host = Environment.MachineName,
            StartedAt = _startedAt,
            DurationMs = Math.Round(Stopwatch.GetElapsedTime(_started).TotalMilliseconds, 3),
        }];
}
