using AiGov.Cleaner;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace AiGov.Cleaner.Tests;

public sealed class SitePhraseFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aigov-site-phrases-").FullName;
    private readonly ManualClock _clock = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Without_a_configured_path_there_are_no_site_phrases()
    {
        var file = new SitePhraseFile(Configuration(null), NullLogger<SitePhraseFile>.Instance, _clock);

        Assert.Equal(0, file.Current.SiteCount);
    }

    [Fact]
    public void A_file_written_later_is_read_after_the_recheck_interval_and_a_changed_one_again()
    {
        var path = Path.Combine(_directory, "site-phrases.txt");
        var file = new SitePhraseFile(Configuration(path), NullLogger<SitePhraseFile>.Instance, _clock);
        Assert.Equal(0, file.Current.PhraseCount);

        File.WriteAllText(path, "[site example.org]\nFollow us on WeChat\n");
        Assert.Equal(0, file.Current.PhraseCount);
        _clock.Advance(SitePhraseFile.RecheckInterval);
        Assert.Equal(1, file.Current.PhraseCount);
        Assert.Contains("follow us on wechat", file.Current.For("example.org")!);

        File.WriteAllText(path, "[site example.org]\nFollow us on WeChat\nSubscribe to our daily brief\n[site news.example]\nAll rights reserved by News\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        _clock.Advance(SitePhraseFile.RecheckInterval);
        Assert.Equal(3, file.Current.PhraseCount);
        Assert.Equal(2, file.Current.SiteCount);
    }

    [Fact]
    public void A_file_that_does_not_parse_leaves_the_previous_phrases_in_use()
    {
        var path = Path.Combine(_directory, "site-phrases.txt");
        File.WriteAllText(path, "[site example.org]\nFollow us on WeChat\n");
        var file = new SitePhraseFile(Configuration(path), NullLogger<SitePhraseFile>.Instance, _clock);
        Assert.Equal(1, file.Current.PhraseCount);

        File.WriteAllText(path, "a phrase without a site header\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        _clock.Advance(SitePhraseFile.RecheckInterval);

        Assert.Equal(1, file.Current.PhraseCount);
    }

    private static IConfiguration Configuration(string? path) => new ConfigurationBuilder()
        .AddInMemoryCollection(path is null ? [] : [new KeyValuePair<string, string?>("Cleaning:SitePhrasesPath", path)])
        .Build();

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
