namespace AiGov.Contracts;

/// <summary>Where a document came from; carried unchanged through every stage.</summary>
public record DocumentSource
{
    /// <summary>Path relative to the inbox, as dropped, with '/' separators.</summary>
    public required string FileName { get; init; }

    /// <summary>Lowercase hex SHA-256 of the file's bytes.</summary>
    public required string RawSha256 { get; init; }

    public required long SizeBytes { get; init; }

    /// <summary>When the watcher accepted (or refused) the file.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>0 for the first pass through the pipeline; each <c>aigov reprocess</c> sends the document again with
    /// the stored row's revision plus one, and storage replaces a row only with a higher revision (or a failed row).</summary>
    public int Revision { get; init; }
}
