namespace AiGov.Watcher.Tests;

public class DocumentIdentityTests
{
    private const string Name = "reports/eu-ai-act.txt";
    private const long Size = 4096;
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static readonly DateTime s_lastWrite = new(2025, 3, 14, 9, 26, 53, DateTimeKind.Utc);

    [Fact]
    public void For_ReturnsTheSameId_WhenCalledTwiceWithTheSameDrop()
    {
        Assert.Equal(DocumentIdentity.For(Name, Size, s_lastWrite, Sha), DocumentIdentity.For(Name, Size, s_lastWrite, Sha));
        Assert.Equal(DocumentIdentity.For(Name, 0, s_lastWrite, null), DocumentIdentity.For(Name, 0, s_lastWrite, null));
    }

    [Fact]
    public void For_ReturnsDifferentIds_WhenAnyPartDiffers()
    {
        var original = DocumentIdentity.For(Name, Size, s_lastWrite, Sha);

        Guid[] variants =
        [
            DocumentIdentity.For("reports/eu-ai-act2.txt", Size, s_lastWrite, Sha),
            DocumentIdentity.For(Name, Size + 1, s_lastWrite, Sha),
            DocumentIdentity.For(Name, Size, s_lastWrite.AddTicks(1), Sha),
            DocumentIdentity.For(Name, Size, s_lastWrite, "0" + Sha[1..]),
            DocumentIdentity.For(Name, Size, s_lastWrite, null),
        ];

        Assert.All(variants, variant => Assert.NotEqual(original, variant));
        Assert.Equal(variants.Length, variants.Distinct().Count());
    }

    [Theory]
    [InlineData("a.txt", 1L, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("sub/folder/b.md", 10_485_760L, Sha)]
    [InlineData("no-hash.html", 0L, null)]
    [InlineData("中文/报告.txt", 77L, Sha)]
    public void For_SetsRfc9562Version8AndVariantBits(string name, long size, string? sha)
    {
        var id = DocumentIdentity.For(name, size, s_lastWrite, sha);

        Assert.Equal(8, id.Version);
        Assert.Equal(0b10, id.Variant >> 2);
        var text = id.ToString("D");
        Assert.Equal('8', text[14]);
        Assert.Contains(text[19], "89ab");
    }
}
