using System.Text.RegularExpressions;
using AiGov.Text.Html;

namespace AiGov.Text.Tests.Html;

public class NoiseNamesTests
{
    // The regex and label switch that HtmlExtractor used before the names became data (commit 8608636): the data
    // file must give the same label for every class name below, except where a name was added on purpose since
    // (s_addedSince: trafilatura's discard names "related", "footer", "author", measured in docs/CLEANING.md).
    private static readonly Regex s_oldStateModifier = new(@"^(has|no|with|is|enable|show|hide|tag|category|cat|term|topic)[-_]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex s_oldNoiseName = new(
        @"cookie|consent|gdpr|disqus|newsletter|subscri|sharedaddy|sharing|social|relatedposts|related[-_]|outbrain|taboola"
        + @"|advert|sponsor|paywall|popup|comment(?!ary)|breadcrumb|sidebar|most[-_]?read|most[-_]?popular|trending|recommend"
        + @"|byline|posted[-_]on|feedback|(^|[-_])(ad|ads|share|related|popular|promo|banner|widget|meta|metadata|print|toolbar|tools)([-_]|$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly string[] s_classNames =
    [
        "cookie-banner", "site-cookie-bar", "CookieConsent", "gdpr-notice", "consent-manager", "comments", "comment-list",
        "commentary", "commentary-box", "disqus_thread", "comment-respond", "share-buttons", "sharedaddy", "sharing-icons",
        "social-links", "shareholder-report", "share", "print-link", "toolbar", "article-tools", "newsletter-signup",
        "subscribe-box", "subscription", "paywall", "popup-modal", "advert", "advertisement", "sponsored-content", "ad",
        "ad-slot", "top-ad", "ads", "header", "download", "promo", "banner", "breadcrumb", "breadcrumbs", "byline",
        "posted-on", "posted_on", "entry-meta", "meta", "metadata", "metabox", "feedback-form", "relatedposts",
        "related-posts", "related_articles", "related", "relatedStories", "outbrain-widget", "taboola-feed", "sidebar",
        "has-sidebar", "no-comments", "tag-social-media", "category-ai", "is-sticky", "show-ads", "mostread",
        "most-read", "most_popular", "trending-now", "recommended", "popular", "popular-posts", "widget", "widget_text",
        "entry-content", "post-body", "article", "layout", "single", "content", "story-body", "lead", "caption",
        "video-promo-banner", "footer-widgets", "comment-share", "social-share", "sidebar-related", "mainbar",
        "headline", "loaded", "reading", "spread", "thread", "metaverse-policy", "toolsets", "printing", "adverse-effects",
        "HAS-SIDEBAR", "Related-Links", "AD", "recommendation-engine", "ad_unit", "ads_container",
    ];

    private static readonly Dictionary<string, string> s_addedSince = new(StringComparer.Ordinal)
    {
        ["relatedStories"] = "related",
        ["footer-widgets"] = "footer",
    };

    [Fact]
    public void The_data_file_labels_every_class_name_as_the_regex_it_replaced_did()
    {
        var names = NoiseNames.Embedded;
        var differences = s_classNames
            .Select(name => (name, expected: s_addedSince.TryGetValue(name, out var label) ? label : OldLabel(name), actual: names.LabelOf(name)))
            .Where(row => row.expected != row.actual)
            .Select(row => $"{row.name}: expected {row.expected ?? "null"}, got {row.actual ?? "null"}")
            .ToList();

        Assert.Empty(differences);
    }

    [Theory]
    [InlineData("cookie-banner", "cookie")]
    [InlineData("comment-list", "comments")]
    [InlineData("commentary", null)]
    [InlineData("ad-slot", "ad")]
    [InlineData("header", null)]
    [InlineData("shareholder-report", null)]
    [InlineData("share-bar", "share")]
    [InlineData("has-sidebar", null)]
    [InlineData("entry-meta", "byline")]
    [InlineData("most-read", "related")]
    [InlineData("breadcrumbs", "nav")]
    [InlineData("author-bio", "byline")]
    [InlineData("postmetadata", "byline")]
    [InlineData("entry-footer", "footer")]
    [InlineData("post-tags", "tags")]
    [InlineData("star-rating", "rating")]
    [InlineData("wp-embedded-content", "embed")]
    [InlineData("metaverse-policy", null)]
    [InlineData("ez-toc-container", "nav")]
    [InlineData("aawp-disclaimer", "disclaimer")]
    public void A_class_name_gets_the_label_of_its_section(string className, string? expected) =>
        Assert.Equal(expected, NoiseNames.Embedded.LabelOf(className));

    [Fact]
    public void The_id_is_looked_at_before_the_class_names()
    {
        Assert.Equal("cookie", NoiseNames.Embedded.LabelOf("cookie-notice", "share-bar"));
        Assert.Equal("share", NoiseNames.Embedded.LabelOf("main", "post has-sidebar  share-bar"));
        Assert.Null(NoiseNames.Embedded.LabelOf(null, "post entry-content"));
    }

    [Fact]
    public void A_new_name_added_to_a_list_takes_effect_without_code()
    {
        var names = NoiseNames.Parse("""
            [modifier]
            has
            [chat]
            *livechat*
            chatbox
            [cookie]
            *cookie* !cookiecutter
            """, "test");

        Assert.Equal(["chat", "cookie"], names.Labels);
        Assert.Equal("chat", names.LabelOf("site-livechat-widget"));
        Assert.Equal("chat", names.LabelOf("chatbox"));
        Assert.Null(names.LabelOf("chatboxes"));
        Assert.Null(names.LabelOf("has-chatbox"));
        Assert.Equal("cookie", names.LabelOf("cookie-bar"));
        Assert.Null(names.LabelOf("cookiecutter-layout"));
    }

    [Fact]
    public void The_leftmost_match_in_a_name_decides()
    {
        var names = NoiseNames.Parse("[a]\n*zzz*\n[b]\nxx\n", "test");

        Assert.Equal("b", names.LabelOf("xx-zzz"));
        Assert.Equal("a", names.LabelOf("zzz-xx"));
    }

    [Theory]
    [InlineData("*cookie*\n", "before the first [label] header")]
    [InlineData("[cookie]\nad !banner\n", "'!exception' only after '*word*'")]
    [InlineData("[cookie]\n*cookie* banner\n", "only '!exception' words may follow")]
    [InlineData("[two words]\nx\n", "a section header is one label")]
    [InlineData("[cookie]\nco*kie\n", "a name is 'word'")]
    public void A_malformed_line_is_refused_with_its_line_number(string content, string message)
    {
        var error = Assert.Throws<FormatException>(() => NoiseNames.Parse(content, "list.txt"));

        Assert.Contains("list.txt:", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_label_of_the_file_is_one_the_audit_documents()
    {
        string[] documented = ["cookie", "comments", "share", "subscribe", "ad", "nav", "byline", "feedback", "related", "footer", "tags", "rating", "embed", "disclaimer"];

        Assert.Equal(documented.Order(), NoiseNames.Embedded.Labels.Order());
    }

    private static string? OldLabel(string name)
    {
        if (s_oldStateModifier.IsMatch(name))
        {
            return null;
        }

        var match = s_oldNoiseName.Match(name);
        if (!match.Success)
        {
            return null;
        }

        var noise = match.Value.Trim('-', '_').ToLowerInvariant();
        return noise switch
        {
            _ when noise.StartsWith("cookie", StringComparison.Ordinal) || noise is "consent" or "gdpr" => "cookie",
            _ when noise.StartsWith("comment", StringComparison.Ordinal) || noise == "disqus" => "comments",
            "share" or "sharing" or "social" or "sharedaddy" => "share",
            "newsletter" or "subscri" or "paywall" or "popup" => "subscribe",
            "advert" or "sponsor" or "ad" or "ads" or "promo" or "banner" => "ad",
            "breadcrumb" => "nav",
            "byline" or "posted-on" or "posted_on" or "meta" or "metadata" => "byline",
            "feedback" => "feedback",
            "print" or "toolbar" or "tools" => "share",
            _ => "related",
        };
    }
}
