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

    /// <summary>A full rescan of the inbox every so often, in case a file-system event was missed.</summary>
    [Range(1, 86_400)]
    public int RescanSeconds { get; set; } = 30;

    /// <summary>Files read and published at the same time; bounds memory (each holds one file's bytes).</summary>
    [Range(1, 256)]
    public int MaxConcurrentFiles { get; set; } = 8;
}
