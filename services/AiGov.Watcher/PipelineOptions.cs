using System.ComponentModel.DataAnnotations;

namespace AiGov.Watcher;

/// <summary>Bound from the <c>Pipeline</c> section (<c>Pipeline__DataRoot</c>, <c>Pipeline__MaxFileBytes</c>, …).</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>Holds <c>inbox/</c>, <c>processed/</c> and <c>failed/</c>. Relative paths are taken from the working directory.</summary>
    [Required]
    public string DataRoot { get; set; } = "data";

    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>A file is read only once its size and modification time have not changed for this long.</summary>
    [Range(0, 600_000)]
    public int SettleMilliseconds { get; set; } = 500;

    /// <summary>Files waiting at once until they are completely written. They hold only their path, and one look at
    /// which processes hold files open for writing serves all of them.</summary>
    [Range(1, 4096)]
    public int MaxFilesSettling { get; set; } = 256;

    /// <summary>How long one attempt waits for a file to be completely written before it goes back to the end of
    /// the queue, freeing its slot for files that are ready.</summary>
    [Range(100, 3_600_000)]
    public int MaxReadinessWaitMilliseconds { get; set; } = 5_000;

    /// <summary>A full rescan of the inbox every so often, in case a file-system event was missed.</summary>
    [Range(1, 86_400)]
    public int RescanSeconds { get; set; } = 30;

    /// <summary>Files read and published at the same time; bounds memory (each holds one file's bytes).</summary>
    [Range(1, 256)]
    public int MaxConcurrentFiles { get; set; } = 8;
}
