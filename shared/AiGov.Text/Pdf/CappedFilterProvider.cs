using System.IO.Compression;
using System.Runtime.InteropServices;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace AiGov.Text.Pdf;

/// <summary>
/// PdfPig's stream filters with a cap on what they decode, per stream and per document: PdfPig inflates a stream whole
/// into memory, so a 2 MB PDF whose content stream inflates to 2 GB would otherwise fill the cleaner's memory before
/// anything could look at it. A Flate stream is first inflated into nothing, counting, and handed to PdfPig only when
/// it stays under the cap; every other filter's output is counted after it decodes (their expansion is bounded by
/// their input: run-length 64 to 1, ASCII filters shrink). One provider per document: it keeps that document's total.
/// </summary>
internal sealed class CappedFilterProvider(long maxStreamBytes, long maxDocumentBytes) : IFilterProvider
{
    /// <summary>Most bytes one stream may decode to (a text PDF's content streams stay far below).</summary>
    public const long DefaultMaxStreamBytes = 64L * 1024 * 1024;

    /// <summary>Most bytes all the streams of one document may decode to.</summary>
    public const long DefaultMaxDocumentBytes = 256L * 1024 * 1024;

    private readonly IFilterProvider _inner = DefaultFilterProvider.Instance;
    private long _decodedBytes;

    public CappedFilterProvider()
        : this(DefaultMaxStreamBytes, DefaultMaxDocumentBytes)
    {
    }

    public IReadOnlyList<IFilter> GetFilters(DictionaryToken dictionary) => Wrap(_inner.GetFilters(dictionary));

    public IReadOnlyList<IFilter> GetNamedFilters(IReadOnlyList<NameToken> names) => Wrap(_inner.GetNamedFilters(names));

    public IReadOnlyList<IFilter> GetAllFilters() => Wrap(_inner.GetAllFilters());

    private CappedFilter[] Wrap(IReadOnlyList<IFilter> filters) => filters.Select(filter => new CappedFilter(filter, this)).ToArray();

    private void CheckStream(long bytes)
    {
        if (bytes > maxStreamBytes)
        {
            throw TooLarge($"one of its streams decodes to more than {maxStreamBytes / (1024 * 1024):N0} MiB");
        }
    }

    /// <summary>Before PdfPig inflates <paramref name="compressed"/> into memory: what it inflates to, counted.</summary>
    private void CheckInflated(ReadOnlyMemory<byte> compressed) => CheckStream(InflatedLength(compressed, maxStreamBytes));

    private void Count(long bytes)
    {
        CheckStream(bytes);
        if (Interlocked.Add(ref _decodedBytes, bytes) > maxDocumentBytes)
        {
            throw TooLarge($"its streams decode to more than {maxDocumentBytes / (1024 * 1024):N0} MiB in all");
        }
    }

    private static UnreadableDocumentException TooLarge(string what) =>
        new(UnreadableReasons.TooLarge, $"the PDF expands beyond what the cleaner reads: {what} (a decompression bomb?); if it is a real document, split it or print it to a new PDF and drop that");

    /// <summary>Bytes <paramref name="compressed"/> inflates to, counted up to <paramref name="limit"/> + 1 without
    /// keeping them; what cannot be inflated counts as far as it got (PdfPig decides what to do with it).</summary>
    internal static long InflatedLength(ReadOnlyMemory<byte> compressed, long limit)
    {
        // Like PdfPig's FlateFilter: the two bytes of the zlib header are skipped, the rest is raw deflate.
        if (compressed.Length < 2)
        {
            return 0;
        }
        var data = MemoryMarshal.TryGetArray(compressed[2..], out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(compressed[2..].ToArray(), writable: false);
        using var deflate = new DeflateStream(data, CompressionMode.Decompress);
        var buffer = new byte[81920];
        long total = 0;
        try
        {
            int read;
            while (total <= limit && (read = deflate.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
            }
        }
        catch (InvalidDataException)
        {
            // Corrupt or truncated data: PdfPig reads what it can of it.
        }
        return total;
    }

    private sealed class CappedFilter(IFilter inner, CappedFilterProvider owner) : IFilter
    {
        public bool IsSupported => inner.IsSupported;

        public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
        {
            if (inner is FlateFilter)
            {
                owner.CheckInflated(input);
            }
            var decoded = inner.Decode(input, streamDictionary, filterProvider, filterIndex);
            owner.Count(decoded.Length);
            return decoded;
        }
    }
}
