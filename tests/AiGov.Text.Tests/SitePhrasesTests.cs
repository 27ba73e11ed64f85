using System.Text;
using AiGov.Text.Boilerplate;

namespace AiGov.Text.Tests;

public class SitePhrasesTests
{
    [Fact]
    public void A_line_in_enough_distinct_articles_of_a_site_is_a_phrase_and_duplicates_do_not_count()
    {
        // example.org: 6 distinct articles; "Follow us on WeChat" in 5 of them (≥ 5 and ≥ 50 % of 6 = 3): a phrase.
        // "Shared line" in 4 (< 5): not. The same article dropped 4 more times adds nothing.
        var documents = new List<(string, string)>();
        for (var i = 0; i < 6; i++)
        {
            var lines = new List<string> { $"Article {i} headline", $"Body sentence number {i}." };
            if (i < 5)
            {
                lines.Add("Follow us on  WeChat");
            }

            if (i < 4)
            {
                lines.Add("Shared line");
            }

            documents.Add(("example.org", string.Join('\n', lines)));
        }

        documents.AddRange(Enumerable.Repeat(("other.net", "Only here\nOnly here"), 9));
        documents.AddRange(Enumerable.Repeat(documents[5], 4));

        var phrases = SitePhrases.Mine(documents, minDocuments: 5, minShare: 0.5);

        Assert.Equal(["follow us on wechat"], phrases.For("example.org")!.Order());
        Assert.Null(phrases.For("other.net"));
        Assert.Equal(1, phrases.PhraseCount);
    }

    [Fact]
    public void The_share_threshold_applies_on_large_sites()
    {
        // 20 distinct articles; a line in 8 of them is 40 %: below 50 %, above 5 documents.
        var documents = Enumerable.Range(0, 20)
            .Select(i => ("big.example", $"Headline {i}\nText {i}." + (i < 8 ? "\nRead our AI newsletter" : "") + (i < 10 ? "\nShare on X" : "")))
            .ToList();

        var phrases = SitePhrases.Mine(documents, minDocuments: 5, minShare: 0.5);

        Assert.Equal(["share on x"], phrases.For("big.example")!.Order());
    }

    [Fact]
    public void Long_lines_and_lines_without_letters_are_never_phrases()
    {
        var longLine = new string('x', SitePhrases.MaxLineLength + 1);
        var documents = Enumerable.Range(0, 6).Select(i => ("a.example", $"{longLine}\n2024-10-23\nText {i}.")).ToList();

        Assert.Equal(0, SitePhrases.Mine(documents, 5, 0.5).PhraseCount);
    }

    [Fact]
    public void The_file_format_round_trips_and_a_phrase_without_a_site_is_refused()
    {
        var documents = Enumerable.Range(0, 5).Select(i => ("b.example", $"Text {i}.\nFollow us")).ToList();
        var mined = SitePhrases.Mine(documents, 5, 0.5);

        var file = mined.Format("mined for a test");
        var parsed = SitePhrases.Parse(file, "site-phrases.txt");

        Assert.StartsWith("# mined for a test\n", file);
        Assert.Contains("[site b.example]\nfollow us\n", file);
        Assert.Equal(["follow us"], parsed.For("b.example")!.Order());
        var error = Assert.Throws<FormatException>(() => SitePhrases.Parse("# header\nfollow us\n", "site-phrases.txt"));
        Assert.Contains("site-phrases.txt:2", error.Message);
    }

    [Fact]
    public void Phrases_that_look_like_a_comment_a_header_or_an_escape_survive_the_file()
    {
        string[] lines = ["[Advertisement]", "# Share this story", "\\ Back to top", "Follow us"];
        var documents = Enumerable.Range(0, 5).Select(i => ("c.example", $"Text {i}.\n{string.Join('\n', lines)}")).ToList();
        var mined = SitePhrases.Mine(documents, 5, 0.5);

        var file = mined.Format("mined for a test");
        var parsed = SitePhrases.Parse(file, "site-phrases.txt");

        Assert.Contains("\n\\[advertisement]\n", file);
        Assert.Contains("\n\\# share this story\n", file);
        Assert.Equal(mined.For("c.example")!.Order(StringComparer.Ordinal), parsed.For("c.example")!.Order(StringComparer.Ordinal));
        Assert.Equal(4, parsed.PhraseCount);
    }

    [Fact]
    public void A_lone_backslash_is_no_phrase_and_the_file_still_formats()
    {
        var parsed = SitePhrases.Parse("[site a.example]\n\\\nfollow us\n", "site-phrases.txt");

        Assert.Equal(["follow us"], parsed.For("a.example")!.Order());
        Assert.Contains("[site a.example]\nfollow us\n", parsed.Format("re-written"));
    }

    [Theory]
    [InlineData("[Site example.org]")]
    [InlineData("[sites example.org]")]
    [InlineData("[example.org]")]
    public void A_mistyped_header_is_refused_with_its_line_number_instead_of_becoming_a_phrase(string header)
    {
        var error = Assert.Throws<FormatException>(() =>
            SitePhrases.Parse($"# mined\n[site a.example]\nfollow us\n{header}\nsubscribe\n", "site-phrases.txt"));

        Assert.Contains("site-phrases.txt:4", error.Message);
        Assert.Contains(header, error.Message);
    }

    [Theory]
    [InlineData("https://www.Example.org/ai/article", "XinhuaNet", "example.org")]
    [InlineData(null, " XinhuaNet ", "xinhuanet")]
    [InlineData("not a url", null, null)]
    [InlineData(null, null, null)]
    public void The_site_is_the_address_host_else_the_declared_source(string? url, string? source, string? expected) =>
        Assert.Equal(expected, SitePhrases.SiteKey(new ArticleMetadata(null, source, url, null)));

    [Fact]
    public void The_cleaner_drops_a_sites_phrases_from_that_sites_documents_only()
    {
        var phrases = SitePhrases.Parse("[site example.org]\nFollow Example News on WeChat for more\n", "test");
        const string body = "The council adopted the rules on liability for harm caused by artificial intelligence systems on Monday.\n\n"
            + "Follow Example News on WeChat for more\n\nVictims will be able to ask a court to order the disclosure of evidence.";

        var fromSite = DocumentCleaner.Clean(Encoding.UTF8.GetBytes("Source: https://example.org/a\n\n" + body), "a.txt", phrases);
        var fromOther = DocumentCleaner.Clean(Encoding.UTF8.GetBytes("Source: https://other.example/a\n\n" + body), "a.txt", phrases);
        var without = DocumentCleaner.Clean(Encoding.UTF8.GetBytes("Source: https://example.org/a\n\n" + body), "a.txt");

        Assert.DoesNotContain("WeChat", fromSite.CleanText);
        Assert.Contains(fromSite.Removed, block => block.Label == "site-repeat" && block.Text == "Follow Example News on WeChat for more");
        Assert.Contains("WeChat", fromOther.CleanText);
        Assert.Contains("WeChat", without.CleanText);
        Assert.Equal(fromSite.CleanText, DocumentCleaner.Clean(Encoding.UTF8.GetBytes("Source: https://example.org/a\n\n" + body), "a.txt", phrases).CleanText);
    }
}
