namespace AiGov.Text;

/// <summary>Cheap binary-versus-text detection for raw content.</summary>
public static class ContentSniffer
{
    private const int SampleSize = 8 * 1024;

    // Share of disallowed control bytes above which the sample is considered binary.
    private const double ControlShareThreshold = 0.10;

    private static readonly byte[][] s_binaryMagics =
    [
        "%PDF-"u8.ToArray(),
        [0x50, 0x4B, 0x03, 0x04], // ZIP (also docx, xlsx, epub, jar)
        [0x50, 0x4B, 0x05, 0x06], // empty ZIP
        [0x50, 0x4B, 0x07, 0x08], // spanned ZIP
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], // PNG
        [0xFF, 0xD8, 0xFF], // JPEG
        "GIF87a"u8.ToArray(),
        "GIF89a"u8.ToArray(),
        [0x1F, 0x8B], // gzip
        [0x7F, 0x45, 0x4C, 0x46], // ELF
    ];

    /// <summary>
    /// True for binary content: a known magic number (PDF, ZIP, PNG, JPEG, GIF, gzip, ELF), a NUL byte
    /// in the first 8 KiB (unless a UTF-16/UTF-32 BOM, or the zero-byte pattern of UTF-16 without one, says the NULs
    /// are text), or more than 10% control
    /// bytes other than \t \n \r \f and ESC in the first 8 KiB. Empty content is not binary.
    /// </summary>
    public static bool LooksBinary(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
        {
            return false;
        }

        foreach (var magic in s_binaryMagics)
        {
            if (content.StartsWith(magic))
            {
                return true;
            }
        }

        var (encoding, _) = TextDecoder.DetectBom(content);
        if (encoding is not null && encoding.WebName != "utf-8" || TextDecoder.DetectUtf16WithoutBom(content) is not null)
        {
            return false;
        }

        var sample = content[..Math.Min(content.Length, SampleSize)];
        if (sample.Contains((byte)0))
        {
            return true;
        }

        var controls = 0;
        foreach (var b in sample)
        {
            if ((b < 0x20 && b is not (0x09 or 0x0A or 0x0D or 0x0C or 0x1B)) || b == 0x7F)
            {
                controls++;
            }
        }

        return controls > sample.Length * ControlShareThreshold;
    }
}
