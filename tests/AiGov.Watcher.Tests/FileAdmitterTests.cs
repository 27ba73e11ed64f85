using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiGov.Watcher.Tests;

public sealed class FileAdmitterTests : IDisposable
{
    private const string Paragraph =
        "The AI Act sorts systems by risk. High-risk systems need a conformity assessment before they reach the market.\n";

    private static readonly byte[] s_pngHeader =
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01];

    private readonly TempDataRoot _root = new();
    private InboxLayout _layout = null!;

    public void Dispose() => _root.Dispose();

    /// <summary>Generous: a broken admitter fails the test instead of hanging the run.</summary>
    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private FileAdmitter CreateAdmitter(int settleMilliseconds = 100, long maxFileBytes = 10 * 1024 * 1024, int maxReadinessWaitMilliseconds = 20_000)
    {
        var options = Options.Create(new PipelineOptions
        {
            DataRoot = _root.Path,
            SettleMilliseconds = settleMilliseconds,
            MaxFileBytes = maxFileBytes,
            MaxReadinessWaitMilliseconds = maxReadinessWaitMilliseconds,
        });
        _layout = new InboxLayout(options);
        var writers = new ProcOpenFileWriters(_layout, TimeProvider.System, NullLogger<ProcOpenFileWriters>.Instance);
        return new FileAdmitter(_layout, options, TimeProvider.System, writers);
    }

    private string InInbox(string relativeName, byte[] content)
    {
        var path = Path.Combine(_layout.Inbox, relativeName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static Refused AssertRefused(Admission? admission, string reason)
    {
        var refused = Assert.IsType<Refused>(admission);
        Assert.Equal(reason, refused.Reason);
        Assert.False(string.IsNullOrWhiteSpace(refused.Detail));
        return refused;
    }

    [Fact]
    public async Task Admit_RefusesAsEmpty_WhenFileHasNoBytes()
    {
        var admitter = CreateAdmitter();
        var path = InInbox("empty.txt", []);

        var refused = AssertRefused(await admitter.AdmitAsync(path, Timeout), RejectionReasons.Empty);

        Assert.Equal("empty.txt", refused.RelativeName);
        Assert.Equal(0, refused.Size);
        Assert.Equal(Sha256([]), refused.RawSha256);
    }

    [Fact]
    public async Task Admit_RefusesAsTooLarge_WithTheRawSha256_WhenFileExceedsTheLimit()
    {
        var admitter = CreateAdmitter(maxFileBytes: 1024);
        var content = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Paragraph, 20)));
        var path = InInbox("big.txt", content);

        var refused = AssertRefused(await admitter.AdmitAsync(path, Timeout), RejectionReasons.TooLarge);

        Assert.Equal(content.Length, refused.Size);
        Assert.Equal(Sha256(content), refused.RawSha256);
    }

    [Fact]
    public async Task Admit_Accepts_WhenFileIsExactlyAtTheLimit()
    {
        var content = Encoding.UTF8.GetBytes(Paragraph);
        var admitter = CreateAdmitter(maxFileBytes: content.Length);
        var path = InInbox("exact.txt", content);

        var accepted = Assert.IsType<Accepted>(await admitter.AdmitAsync(path, Timeout));

        Assert.Equal(content, accepted.Content);
    }

    [Fact]
    public async Task Admit_RefusesAsNotText_WhenPngBytesAreNamedTxt()
    {
        var admitter = CreateAdmitter();
        var path = InInbox("picture.txt", s_pngHeader);

        var refused = AssertRefused(await admitter.AdmitAsync(path, Timeout), RejectionReasons.NotText);

        Assert.Equal(Sha256(s_pngHeader), refused.RawSha256);
        Assert.Equal(s_pngHeader.Length, refused.Size);
    }

    [Fact]
    public async Task Admit_AcceptsAPdf_ThoughItsBytesAreBinary()
    {
        var admitter = CreateAdmitter();
        var content = Encoding.ASCII.GetBytes("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj << /Type /Catalog >> endobj\n");
        content[10] = 0;
        var path = InInbox("policy.pdf", content);

        var accepted = Assert.IsType<Accepted>(await admitter.AdmitAsync(path, Timeout));

        Assert.Equal(content, accepted.Content);
    }

    [Theory]
    [InlineData("photo.jpg")]
    [InlineData("slides.pptx")]
    [InlineData("sub/archive.zip")]
    public async Task Admit_RefusesAsUnsupportedType_WhenExtensionIsNotTextual(string name)
    {
        var admitter = CreateAdmitter();
        var content = Encoding.UTF8.GetBytes(Paragraph);
        var path = InInbox(name, content);

        var refused = AssertRefused(await admitter.AdmitAsync(path, Timeout), RejectionReasons.UnsupportedType);

        Assert.Equal(name, refused.RelativeName);
        Assert.Equal(Sha256(content), refused.RawSha256);
    }

    [Fact]
    public async Task Admit_RefusesAsOutsideInbox_WithoutReading_WhenSymlinkLeadsOutOfTheInbox()
    {
        var admitter = CreateAdmitter();
        var secret = Path.Combine(_root.Outside, "secret.txt");
        File.WriteAllText(secret, Paragraph);
        var link = Path.Combine(_layout.Inbox, "innocent.txt");
        File.CreateSymbolicLink(link, secret);

        var refused = AssertRefused(await admitter.AdmitAsync(link, Timeout), RejectionReasons.OutsideInbox);

        Assert.Equal("innocent.txt", refused.RelativeName);
        Assert.Null(refused.RawSha256);
        Assert.Equal(0, refused.Size);
    }

    [Fact]
    public async Task Admit_RefusesAsOutsideInbox_WhenRelativeSymlinkClimbsOutOfTheInbox()
    {
        var admitter = CreateAdmitter();
        File.WriteAllText(Path.Combine(_root.Outside, "secret.txt"), Paragraph);
        var link = Path.Combine(_layout.Inbox, "sub", "innocent.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, "../../outside/secret.txt");

        var refused = AssertRefused(await admitter.AdmitAsync(link, Timeout), RejectionReasons.OutsideInbox);

        Assert.Null(refused.RawSha256);
    }

    [Fact]
    public async Task Admit_RefusesAsOutsideInbox_WhenFileIsReachedThroughASymlinkedFolder()
    {
        var admitter = CreateAdmitter();
        var secretFolder = Directory.CreateDirectory(Path.Combine(_root.Outside, "private")).FullName;
        File.WriteAllText(Path.Combine(secretFolder, "secret.txt"), Paragraph);
        Directory.CreateSymbolicLink(Path.Combine(_layout.Inbox, "shared"), secretFolder);
        var path = Path.Combine(_layout.Inbox, "shared", "secret.txt");

        var refused = AssertRefused(await admitter.AdmitAsync(path, Timeout), RejectionReasons.OutsideInbox);

        Assert.Equal("shared/secret.txt", refused.RelativeName);
        Assert.Null(refused.RawSha256);
    }

    [Fact]
    public async Task Admit_RefusesAsOutsideInbox_WhenSymlinkIsDangling()
    {
        var admitter = CreateAdmitter();
        var link = Path.Combine(_layout.Inbox, "dangling.txt");
        File.CreateSymbolicLink(link, Path.Combine(_root.Outside, "does-not-exist.txt"));

        var refused = AssertRefused(await admitter.AdmitAsync(link, Timeout), RejectionReasons.OutsideInbox);

        Assert.Null(refused.RawSha256);
    }

    [Fact]
    public async Task Admit_Refuses_WhenSymlinksFormALoop()
    {
        var admitter = CreateAdmitter();
        var first = Path.Combine(_layout.Inbox, "first.txt");
        var second = Path.Combine(_layout.Inbox, "second.txt");
        File.CreateSymbolicLink(first, second);
        File.CreateSymbolicLink(second, first);

        var refused = Assert.IsType<Refused>(await admitter.AdmitAsync(first, Timeout));

        Assert.Equal(RejectionReasons.OutsideInbox, refused.Reason);
        Assert.Null(refused.RawSha256);
    }

    [Fact]
    public async Task Admit_RefusesAsUnsupportedType_WhenSymlinkLeadsToAFileInsideTheInbox()
    {
        var admitter = CreateAdmitter();
        var target = InInbox("sub/original.txt", Encoding.UTF8.GetBytes(Paragraph));
        var link = Path.Combine(_layout.Inbox, "alias.txt");
        File.CreateSymbolicLink(link, target);

        var refused = AssertRefused(await admitter.AdmitAsync(link, Timeout), RejectionReasons.UnsupportedType);

        Assert.Equal("alias.txt", refused.RelativeName);
        Assert.Null(refused.RawSha256);
    }

    public static TheoryData<string, string> TextFiles => new()
    {
        { "policy.txt", Paragraph },
        { "notes/policy.md", "# AI governance\n\n" + Paragraph + "- transparency\n- oversight\n" },
        { "page.html", "<!doctype html><html><head><title>AI Act</title></head><body><p>" + Paragraph + "</p></body></html>" },
        { "README", Paragraph },
        { "deep/er/中文.txt", "人工智能治理需要透明度和问责制。\n" },
    };

    [Theory]
    [MemberData(nameof(TextFiles))]
    public async Task Admit_AcceptsWithExactBytesAndSha256_WhenFileIsText(string name, string text)
    {
        var admitter = CreateAdmitter();
        var content = Encoding.UTF8.GetBytes(text);
        var path = InInbox(name, content);
        var lastWrite = File.GetLastWriteTimeUtc(path);

        var accepted = Assert.IsType<Accepted>(await admitter.AdmitAsync(path, Timeout));

        Assert.Equal(name, accepted.RelativeName);
        Assert.Equal(content, accepted.Content);
        Assert.Equal(content.Length, accepted.Size);
        Assert.Equal(Sha256(content), accepted.RawSha256);
        Assert.Equal(lastWrite, accepted.LastWriteUtc);
        Assert.Equal(DocumentIdentity.For(name, content.Length, lastWrite, Sha256(content)), accepted.DocumentId);
    }

    [Fact]
    public async Task Admit_AcceptsTheWholeFile_WhenItIsStillBeingWrittenAtTheStart()
    {
        var admitter = CreateAdmitter(settleMilliseconds: 1000);
        var whole = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Paragraph, 200)));
        var half = whole.Length / 2;
        var path = Path.Combine(_layout.Inbox, "slow-writer.txt");

        Task<Admission?> admission;
        await using (var writer = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
        {
            await writer.WriteAsync(whole.AsMemory(0, half));
            await writer.FlushAsync();
            admission = admitter.AdmitAsync(path, Timeout);
            // Less than the settle interval: the admitter must still be waiting when the rest arrives.
            await Task.Delay(300);
            await writer.WriteAsync(whole.AsMemory(half));
        }

        var accepted = Assert.IsType<Accepted>(await admission);

        Assert.Equal(whole.Length, accepted.Size);
        Assert.Equal(whole, accepted.Content);
        Assert.Equal(Sha256(whole), accepted.RawSha256);
    }

    [Fact]
    public async Task Admit_AcceptsTheWholeFile_WhenTheWriterPausesLongerThanTheSettleIntervalWithTheFileOpen()
    {
        var admitter = CreateAdmitter(settleMilliseconds: 200);
        var whole = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Paragraph, 200)));
        var half = whole.Length / 2;
        var path = Path.Combine(_layout.Inbox, "paused-writer.txt");

        Task<Admission?> admission;
        await using (var writer = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
        {
            await writer.WriteAsync(whole.AsMemory(0, half));
            await writer.FlushAsync();
            admission = admitter.AdmitAsync(path, Timeout);
            // Ten settle intervals of silence: only the open write handle says the file is not finished.
            await Task.Delay(2000);
            Assert.False(admission.IsCompleted, "the admitter read the file while a writer still held it open");
            await writer.WriteAsync(whole.AsMemory(half));
        }

        var accepted = Assert.IsType<Accepted>(await admission);

        Assert.Equal(whole, accepted.Content);
    }

    [Fact]
    public async Task Admit_SaysStillBeingWritten_WhenAWriterHoldsTheFileOpenLongerThanOneAttempt()
    {
        var admitter = CreateAdmitter(settleMilliseconds: 100, maxReadinessWaitMilliseconds: 600);
        var path = Path.Combine(_layout.Inbox, "held-open.txt");
        await using var writer = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        await writer.WriteAsync(Encoding.UTF8.GetBytes(Paragraph));
        await writer.FlushAsync();

        var notReady = Assert.IsType<StillBeingWritten>(await admitter.AdmitAsync(path, Timeout));

        Assert.Equal("held-open.txt", notReady.RelativeName);
        Assert.Contains("open for writing", notReady.Why);
    }

    [Fact]
    public async Task Admit_Accepts_WhenTheFileIsOnlyOpenForReading()
    {
        var admitter = CreateAdmitter();
        var content = Encoding.UTF8.GetBytes(Paragraph);
        var path = InInbox("being-read.txt", content);
        await using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);

        var accepted = Assert.IsType<Accepted>(await admitter.AdmitAsync(path, Timeout));

        Assert.Equal(content, accepted.Content);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(400)]
    public async Task Admit_Accepts_WhenModificationTimeIsInTheFuture(int daysAhead)
    {
        var admitter = CreateAdmitter();
        var content = Encoding.UTF8.GetBytes(Paragraph);
        var path = InInbox("from-a-skewed-clock.txt", content);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(daysAhead));

        var accepted = Assert.IsType<Accepted>(await admitter.AdmitAsync(path, Timeout));

        Assert.Equal(content, accepted.Content);
    }

    [Fact]
    public async Task Admit_ReturnsNull_WhenFileDoesNotExist()
    {
        var admitter = CreateAdmitter();

        Assert.Null(await admitter.AdmitAsync(Path.Combine(_layout.Inbox, "gone.txt"), Timeout));
    }

    [Fact]
    public async Task Admit_ReturnsNull_WhenFileDisappearsWhileSettling()
    {
        var admitter = CreateAdmitter(settleMilliseconds: 1000);
        var path = InInbox("moved-away.txt", Encoding.UTF8.GetBytes(Paragraph));

        var admission = admitter.AdmitAsync(path, Timeout);
        await Task.Delay(200);
        File.Delete(path);

        Assert.Null(await admission);
    }
}
