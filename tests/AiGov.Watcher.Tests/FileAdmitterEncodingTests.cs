using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiGov.Watcher.Tests;

/// <summary>Text in the legacy encodings people still save policy texts in is text, not binary.</summary>
public sealed class FileAdmitterEncodingTests : IDisposable
{
    private const string Chinese = "人工智能治理需要透明度和问责制。欧盟人工智能法案按风险对系统进行分类，高风险系统在上市前需要进行合格评定。\n";
    private const string Japanese = "人工知能の規制について、欧州連合はリスクに基づく枠組みを採用した。高リスクのシステムには適合性評価が必要である。\n";
    private const string French = "La gouvernance de l'IA exige transparence et responsabilité. Les systèmes à haut risque doivent être évalués avant leur mise sur le marché — « conformité ».\n";

    private readonly TempDataRoot _root = new();
    private readonly InboxLayout _layout;
    private readonly FileAdmitter _admitter;

    public FileAdmitterEncodingTests()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var options = Options.Create(new PipelineOptions { DataRoot = _root.Path, SettleMilliseconds = 50 });
        _layout = new InboxLayout(options);
        _admitter = new FileAdmitter(_layout, options, TimeProvider.System,
            new ProcOpenFileWriters(_layout, TimeProvider.System, NullLogger<ProcOpenFileWriters>.Instance));
    }

    public void Dispose() => _root.Dispose();

    public static TheoryData<string, string, bool> EncodedTexts => new()
    {
        { "GB18030", Chinese, false },
        { "big5", "人工智慧治理需要透明度與問責制。歐盟人工智慧法案依風險對系統進行分類。\n", false },
        { "shift_jis", Japanese, false },
        { "windows-1252", French, false },
        { "utf-16LE", Chinese + French, true },
        { "utf-16BE", Chinese + French, true },
        { "utf-16LE", French + "The EU AI Act sets transparency duties.\n", false },
        { "utf-16BE", French + "The EU AI Act sets transparency duties.\n", false },
        { "utf-8", Chinese + Japanese + French, true },
    };

    [Theory]
    [MemberData(nameof(EncodedTexts))]
    public async Task Admit_AcceptsAsText_WhenFileIsInALegacyOrUnicodeEncoding(string encodingName, string text, bool withBom)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        byte[] content = [.. withBom ? encoding.GetPreamble() : [], .. encoding.GetBytes(string.Concat(Enumerable.Repeat(text, 5)))];
        var path = Path.Combine(_layout.Inbox, $"{encodingName}.txt");
        await File.WriteAllBytesAsync(path, content);

        var admission = await _admitter.AdmitAsync(path, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        var accepted = Assert.IsType<Accepted>(admission);
        Assert.Equal(content, accepted.Content);
    }
}
