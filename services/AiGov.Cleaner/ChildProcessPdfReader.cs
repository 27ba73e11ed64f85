using System.Diagnostics;
using System.Text;
using System.Text.Json;
using AiGov.Text;
using AiGov.Text.Pdf;

namespace AiGov.Cleaner;

/// <summary>
/// Reads each PDF in a child process of the cleaner (the same program, started with <see cref="ChildArgument"/>) and
/// kills it when the stage gives up: PdfPig checks no token inside a page, so a hostile page (a content stream of
/// millions of glyphs, tens of thousands of words for the block layout) would otherwise go on using a core long after
/// the time limit. The child also has a heap of its own, capped (<see cref="MaxHeapBytes"/>), so a PDF that makes PdfPig
/// build gigabytes of glyph objects ends as <c>too_large</c> instead of taking the cleaner's memory, and a crash
/// inside PdfPig (a stack overflow) ends that child, not the cleaner.
/// </summary>
public sealed class ChildProcessPdfReader(ILogger<ChildProcessPdfReader> logger) : IPdfReader
{
    /// <summary>The argument that makes the cleaner read one PDF from standard input and exit.</summary>
    public const string ChildArgument = "--read-pdf";

    /// <summary>The child's GC heap limit (<c>DOTNET_GCHeapHardLimit</c>).</summary>
    public const long MaxHeapBytes = 1L << 30;

    private const int MaxErrorOutputChars = 2000;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    private static readonly string s_cleaner = typeof(ChildProcessPdfReader).Assembly.Location;

    private static readonly string s_dotnetHost = DotnetHost();

    public ExtractedDocument Read(byte[] content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var child = Process.Start(StartInfo())
            ?? throw new InvalidOperationException("the PDF reader process could not be started");
        using var killOnCancel = cancellationToken.Register(() => Kill(child));
        var errors = child.StandardError.ReadToEndAsync(CancellationToken.None);
        var output = Task.Run(() => ReadAll(child.StandardOutput.BaseStream), CancellationToken.None);
        try
        {
            child.StandardInput.BaseStream.Write(content);
            child.StandardInput.Close();
        }
        catch (IOException)
        {
            // The child ended before it read everything (killed, or crashed): its exit says what happened.
        }
        var answer = output.GetAwaiter().GetResult();
        child.WaitForExit();
        if (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"the PDF reader was stopped (exit code {child.ExitCode})", cancellationToken);
        }
        return Answer(answer, child.ExitCode, errors.GetAwaiter().GetResult());
    }

    /// <summary>The child's side: reads the PDF from <paramref name="input"/>, writes its text (or why it is
    /// unreadable) to <paramref name="output"/> as one JSON object.</summary>
    public static int RunChild(Stream input, Stream output)
    {
        var content = ReadAll(input);
        PdfAnswer answer;
        try
        {
            answer = new PdfAnswer(PdfTextExtractor.Extract(content), null, null);
        }
        catch (UnreadableDocumentException exception)
        {
            answer = new PdfAnswer(null, exception.Reason, exception.Detail);
        }
        catch (OutOfMemoryException)
        {
            answer = new PdfAnswer(null, UnreadableReasons.TooLarge,
                $"reading the PDF takes more than the reader's {MaxHeapBytes / (1024 * 1024):N0} MiB of memory; split it or print it to a new PDF and drop that");
        }
        JsonSerializer.Serialize(output, answer, s_json);
        output.Flush();
        return 0;
    }

    private static ExtractedDocument Answer(byte[] answer, int exitCode, string errors)
    {
        PdfAnswer? parsed = null;
        if (exitCode == 0 && answer.Length > 0)
        {
            try
            {
                parsed = JsonSerializer.Deserialize<PdfAnswer>(answer, s_json);
            }
            catch (JsonException)
            {
                parsed = null;
            }
        }
        return parsed switch
        {
            { Document: { } document } => document,
            { Reason: { } reason } => throw new UnreadableDocumentException(reason, parsed.Detail ?? "no detail"),
            _ => throw new UnreadableDocumentException(UnreadableReasons.Malformed,
                $"the PDF reader stopped with exit code {exitCode} and no answer ({FirstLines(errors)}); the file may be corrupt or built to crash readers"),
        };
    }

    private ProcessStartInfo StartInfo()
    {
        var start = new ProcessStartInfo(s_dotnetHost, [s_cleaner, ChildArgument])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + MaxHeapBytes.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["DOTNET_gcServer"] = "0";
        logger.LogDebug("Reading a PDF in a child process: {Host} {Cleaner} {Argument}", s_dotnetHost, s_cleaner, ChildArgument);
        return start;
    }

    /// <summary>The <c>dotnet</c> host this process runs on (services run as <c>dotnet X.dll</c>), else the one on the
    /// PATH.</summary>
    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }

    private static void Kill(Process child)
    {
        try
        {
            child.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has already exited.
        }
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string FirstLines(string errors)
    {
        var trimmed = errors.Trim();
        if (trimmed.Length == 0)
        {
            return "nothing on its error output";
        }
        return trimmed.Length <= MaxErrorOutputChars ? trimmed : trimmed[..MaxErrorOutputChars] + "…";
    }

    private sealed record PdfAnswer(ExtractedDocument? Document, string? Reason, string? Detail);
}
