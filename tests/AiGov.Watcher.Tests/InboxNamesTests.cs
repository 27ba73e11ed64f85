namespace AiGov.Watcher.Tests;

public class InboxNamesTests
{
    [Theory]
    [InlineData("report.txt.part")]
    [InlineData("report.PART")]
    [InlineData("report.txt.tmp")]
    [InlineData("report.html.crdownload")]
    [InlineData("~$report.md")]
    [InlineData("~lock.txt")]
    [InlineData(".hidden.txt")]
    [InlineData(".DS_Store")]
    [InlineData(".report.txt.swp")]
    [InlineData("report.txt~")]
    public void IsTemporary_IsTrue_ForNamesOfFilesStillBeingWrittenOrHidden(string name) =>
        Assert.True(InboxNames.IsTemporary(name));

    [Theory]
    [InlineData("report.txt")]
    [InlineData("eu-ai-act.md")]
    [InlineData("index.html")]
    [InlineData("README")]
    [InlineData("partial-results.txt")]
    [InlineData("tmp-notes.md")]
    [InlineData("report.txt.bak")]
    [InlineData("a~b.txt")]
    [InlineData("報告.txt")]
    public void IsTemporary_IsFalse_ForOrdinaryNames(string name) =>
        Assert.False(InboxNames.IsTemporary(name));
}
