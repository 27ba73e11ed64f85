namespace AiGov.Text.Tests;

public class HtmlExtractorTests
{
    private const string ArticlePage = """
        <!DOCTYPE html>
        <html>
        <head>
          <title>EU adopts AI Act | Example News</title>
          <meta property="og:title" content="EU adopts AI Act">
          <style>body { color: red; }</style>
          <script>var tracking = "SCRIPT TEXT";</script>
        </head>
        <body class="single has-sidebar">
          <div id="cookie-banner">We use cookies. Accept all cookies?</div>
          <header class="site-header"><a href="/">Example News</a> <span>Top of page header</span></header>
          <nav><ul><li><a href="/world">World</a></li><li><a href="/tech">Tech</a></li></ul></nav>
          <div class="layout">
            <article class="post">
              <h1>EU adopts AI Act</h1>
              <div class="entry-meta"><span class="byline">By Jane Doe</span> <span class="posted-on">May 21, 2024</span></div>
              <p>The European Union has formally adopted the <a href="/ai-act">AI Act</a>, the first comprehensive AI law.</p>
              <p>The regulation classifies AI systems by risk&nbsp;level and bans some practices outright.</p>
              <div class="share-buttons"><a href="#">Share on X</a> <a href="#">Share on Facebook</a></div>
              <ul><li>Unacceptable risk</li><li>High risk</li></ul>
              <p>It enters into force twenty days after publication.<br>Most rules apply after two years.</p>
              <footer class="entry-footer">Tags: AI, EU</footer>
            </article>
            <aside class="sidebar"><h3>Most read</h3><ol><li><a href="/x">Sidebar story</a></li></ol></aside>
          </div>
          <section id="comments"><h2>3 Comments</h2><p>Commenter: great article, thanks for writing it!</p></section>
          <div class="related-posts"><h2>Related Posts</h2><p>Another teaser paragraph about something else entirely.</p></div>
          <div class="newsletter-signup">Subscribe to our newsletter for weekly AI policy news.</div>
          <div class="ad-slot">Buy now, limited offer on gadgets and more gadgets.</div>
          <form action="/search"><input name="q"> Search the site</form>
          <footer>Copyright 2024 Example News. All rights reserved.</footer>
        </body>
        </html>
        """;

    [Fact]
    public void Extract_returns_only_the_article()
    {
        var result = HtmlExtractor.Extract(ArticlePage);

        Assert.Equal("EU adopts AI Act | Example News", result.Title);
        Assert.Equal(
            "EU adopts AI Act\n\n"
            + "The European Union has formally adopted the AI Act, the first comprehensive AI law.\n\n"
            + "The regulation classifies AI systems by risk level and bans some practices outright.\n\n"
            + "Unacceptable risk\n\nHigh risk\n\n"
            + "It enters into force twenty days after publication.\n\nMost rules apply after two years.",
            result.Text);
    }

    [Theory]
    [InlineData("cookies")]
    [InlineData("Top of page header")]
    [InlineData("World")]
    [InlineData("Sidebar story")]
    [InlineData("Commenter")]
    [InlineData("teaser")]
    [InlineData("newsletter")]
    [InlineData("gadgets")]
    [InlineData("Search the site")]
    [InlineData("Copyright")]
    [InlineData("SCRIPT TEXT")]
    [InlineData("color: red")]
    [InlineData("Share on")]
    [InlineData("Tags:")]
    [InlineData("Jane Doe")]
    public void Extract_drops_page_chrome(string chrome)
    {
        Assert.DoesNotContain(chrome, HtmlExtractor.Extract(ArticlePage).Text);
    }

    [Fact]
    public void Extract_is_not_swallowed_by_a_noscript_that_opens_an_element_it_does_not_close()
    {
        // Parsed as markup (a parser without scripting), "<noscript><div></noscript>" leaves the noscript open around
        // the whole page, and the page went with it; a browser reads noscript content as text.
        const string page = """
            <html><body><noscript><div id="no-js"></noscript>
            <div id="content"><h1>Bear cubs: a record year</h1>
            <p>At least nine females of the Marsican brown bear gave birth in the national park this year, and sixteen cubs were counted.</p>
            <p>These are the highest numbers observed in fourteen years of monitoring the females with their cubs.</p></div>
            <noscript></div></noscript></body></html>
            """;

        var text = HtmlExtractor.Extract(page).Text;

        Assert.Contains("sixteen cubs were counted", text, StringComparison.Ordinal);
        Assert.Contains("fourteen years of monitoring", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_takes_the_declared_article_body_of_a_page_that_renders_its_article_with_a_script()
    {
        var body = string.Join("\\n", Enumerable.Range(1, 8).Select(i =>
            $"Paragraph {i}: the committee asks for an independent office with the power to audit the providers of general-purpose models."));
        var page = $$"""
            <html><head><script type="application/ld+json">
            {"@type": "NewsArticle", "headline": "Oversight of models", "datePublished": "2024-05-21", "articleBody": "{{body}}"}
            </script></head>
            <body><article><h1>Oversight of models</h1>
            <p class="standfirst">The committee wants an office that audits the providers of the largest models every year.</p>
            <div id="app"></div></article></body></html>
            """;

        var text = HtmlExtractor.Extract(page).Text;

        Assert.StartsWith("Oversight of models\n\nThe committee wants an office", text, StringComparison.Ordinal);
        Assert.Contains("Paragraph 1: the committee asks", text, StringComparison.Ordinal);
        Assert.EndsWith("Paragraph 8: the committee asks for an independent office with the power to audit the providers of general-purpose models.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_keeps_the_markup_when_the_declared_article_body_is_a_teaser()
    {
        var page = $$"""
            <html><head><script type="application/ld+json">
            {"@type": "NewsArticle", "headline": "Oversight of models", "articleBody": "The committee asks for an office."}
            </script></head>
            <body><article><h1>Oversight of models</h1>
            <p>The committee published its final report on the oversight of general-purpose models on Tuesday.</p>
            <p>It asks for an independent office with the power to audit providers, and for yearly public reviews.</p>
            </article></body></html>
            """;

        var text = HtmlExtractor.Extract(page).Text;

        Assert.Contains("yearly public reviews", text, StringComparison.Ordinal);
        Assert.DoesNotContain("The committee asks for an office.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_takes_the_element_that_microdata_declares_to_be_the_recipe()
    {
        var ingredients = string.Concat(new[] { "1 can pineapple slices in juice, drained, juice reserved", "1/4 cup butter", "2/3 cup packed brown sugar",
            "6 maraschino cherries without stems", "1 box yellow cake mix", "1/3 cup vegetable oil", "3 eggs", "1 cup whipped cream" }
            .Select(item => $"<div itemprop=\"recipeIngredient\">{item}</div>"));
        var page = "<html><body><div class=\"wrap\"><div itemscope itemtype=\"http://schema.org/Recipe\"><h1>Pineapple upside-down cake</h1>"
            + "<div class=\"ingredients\">" + ingredients + "</div>"
            + "<ol><li>Heat the oven to 350 degrees and melt the butter in the pan.</li><li>Arrange the pineapple slices and bake for 45 minutes.</li></ol></div>"
            + "<div class=\"promo\"><p>Our test kitchen has baked thousands of cakes, and we share the best of them with you every week.</p>"
            + "<p>Sign up to get new recipes, tips and seasonal ideas delivered to your inbox, free of charge.</p></div></div></body></html>";

        var text = HtmlExtractor.Extract(page).Text;

        Assert.Contains("pineapple slices in juice, drained, juice reserved", text, StringComparison.Ordinal);
        Assert.Contains("Arrange the pineapple slices", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Our test kitchen", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_prefers_the_article_with_text_over_one_that_repeats_a_widget()
    {
        var gallery = string.Concat(Enumerable.Range(1, 40).Select(_ =>
            $"<div><p>Rate this picture: excellent, very good, good, fair, poor.</p><p>Thank you, you have already rated this picture.</p></div>"));
        var page = "<html><body><main><article class=\"gallery\">" + gallery + "</article>"
            + "<article class=\"method\"><h2>Method</h2><p>Cook the pudding with the milk and the sugar, then let it cool under a sheet of film so that no skin forms.</p>"
            + "<p>Drain the mandarins and keep the juice; knead the base, press it into the tin and bake it for eighty minutes.</p></article></main></body></html>";

        var text = HtmlExtractor.Extract(page).Text;

        Assert.Contains("Cook the pudding", text, StringComparison.Ordinal);
        Assert.DoesNotContain("already rated", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_keeps_every_block_of_a_text_whose_blocks_share_a_template()
    {
        var page = "<html><body><nav><a href=/>Home</a> <a href=/news>News</a></nav><div class=\"page\">"
            + "<div class=\"module module-headline h71c\"><h1>The lake path reopens</h1></div>"
            + "<div class=\"module module-text a93f\">" + LakePathParagraphs + "</div>"
            + "<div class=\"module module-image c20e\"><img src=/bridge.jpg alt=\"\"></div>"
            + "<div class=\"module module-text b11d\"><p>The sports centre at the end of the path also got new changing rooms, paid for by the club and a grant from the canton.</p></div>"
            + "<div class=\"module module-text f3e8\"><p>A guided walk for the opening starts at ten on Saturday; the mayor will cut the ribbon at the bridge.</p></div>"
            + "</div><div class=\"sidebar\"><p>Our weekly newsletter brings you the best stories from the region, every Friday morning.</p></div></body></html>";

        var text = HtmlExtractor.Extract(page).Text;

        Assert.Contains("After two years of work", text, StringComparison.Ordinal);
        Assert.Contains("The sports centre at the end of the path", text, StringComparison.Ordinal);
        Assert.Contains("A guided walk for the opening", text, StringComparison.Ordinal);
        Assert.DoesNotContain("weekly newsletter", text, StringComparison.Ordinal);
    }

    private const string LakePathArticle = "<h1>The lake path reopens</h1>" + LakePathParagraphs;

    private const string LakePathParagraphs =
        "<p>After two years of work, the path along the south shore of the lake is open again, with a new bridge over the stream and a wider section near the harbour.</p>"
        + "<p>The council spent most of the budget on the retaining walls, which had been washed out by the floods of the spring before last, and on drainage under the new surface.</p>"
        + "<p>Walkers can now go from the station to the old mill without leaving the shore, a distance of about six kilometres, and cyclists may use the path outside the summer weekends.</p>";

    [Fact]
    public void Extract_leaves_out_teasers_that_share_the_article_blocks_template()
    {
        var teasers = string.Concat(Enumerable.Range(1, 3).Select(i =>
            $"<div class=\"entry\"><h3><a href=/story{i}>Another story about the regional election, part {i}</a></h3><p>The results from the districts in the north are in, and the turnout was high.</p></div>"));
        var page = "<html><body><div class=\"list\"><div class=\"entry\">" + LakePathArticle + "</div>" + teasers + "</div></body></html>";

        var text = HtmlExtractor.Extract(page).Text;

        Assert.Contains("After two years of work", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Another story about the regional election", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_leaves_out_a_layout_row_beside_the_one_holding_the_article()
    {
        var page = "<html><body><div class=\"page\"><div class=\"row\"><div class=\"col-md-8\"><div class=\"story-body\">" + LakePathArticle + "</div></div></div>"
            + "<div class=\"row\"><p>The Lakeside Courier is published by a cooperative of its readers, and has been since it was founded, in a small office above the bakery.</p></div></div></body></html>";

        var text = HtmlExtractor.Extract(page).Text;

        Assert.Contains("After two years of work", text, StringComparison.Ordinal);
        Assert.DoesNotContain("published by a cooperative", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_keeps_every_section_of_a_text_built_of_article_blocks()
    {
        var page = "<html><body><nav><a href=/>Home</a></nav><main><div class=\"blocks\">"
            + "<article class=\"block\"><h2>Weather</h2><p>A cold front crossed the Alps on Monday and brought fresh snow above 1,200 metres, with strong winds from the north-west.</p></article>"
            + "<article class=\"block\"><h2>Snowpack</h2><p>The new snow lies on a weak old layer; on shady slopes above the tree line, avalanches can be triggered by a single skier.</p></article>"
            + "<article class=\"block\"><h2>Outlook</h2><p>Milder air is expected from Thursday, and the danger should decrease slowly in the course of the weekend.</p></article>"
            + "</div><aside><article><a href=/a>Other report</a></article></aside></main></body></html>";

        var text = HtmlExtractor.Extract(page).Text;

        Assert.Contains("A cold front crossed the Alps", text, StringComparison.Ordinal);
        Assert.Contains("weak old layer", text, StringComparison.Ordinal);
        Assert.Contains("Milder air is expected", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Other report", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_keeps_every_block_of_a_text_whose_blocks_each_sit_in_their_own_section()
    {
        static string Block(string heading, string text) =>
            $"<section class=\"page-section\"><div class=\"inner\"><article class=\"image-text\"><header><h2>{heading}</h2><p>{text}</p></header></article></div></section>";
        var page = "<html><body><nav><a href=/>Home</a></nav><main>"
            + Block("Pole vault", "The Olympic champion cleared 5.51, 5.71 and 5.89 metres at his season debut on Friday, then a world-leading 6.02 metres that no one matched.")
            + Block("Hurdles", "The world and European champion over the 60 metres hurdles started his season with a bang, running 7.56 seconds in his heat and 7.54 in the final.")
            + Block("Long jump", "A Swede was the only athlete to pass the eight-metre mark, just ahead of the eighteen-year-old junior world champion from France.")
            + "</main></body></html>";

        var text = HtmlExtractor.Extract(page).Text;

        Assert.Contains("world-leading 6.02 metres", text, StringComparison.Ordinal);
        Assert.Contains("7.54 in the final", text, StringComparison.Ordinal);
        Assert.Contains("junior world champion", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_does_not_merge_an_article_with_a_list_of_teasers_beside_it()
    {
        var teasers = string.Concat(Enumerable.Range(1, 8).Select(i =>
            $"<article class=\"teaser\"><a href=\"/story/{i}\">Story {i}: ministers meet again to discuss the rules for artificial intelligence</a></article>"));
        var page = "<html><body><main><article class=\"story\"><h1>Council adopts the rules</h1>"
            + "<p>The council adopted the regulation on Tuesday after two years of negotiations between the member states.</p>"
            + "<p>It applies in stages: bans first, then the duties for general-purpose models, then the rest two years later.</p></article>"
            + teasers + "</main></body></html>";

        var text = HtmlExtractor.Extract(page).Text;

        Assert.Contains("The council adopted the regulation", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ministers meet again", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_without_article_uses_text_density()
    {
        const string html = """
            <html><body>
              <div class="menu"><a href="/a">Home</a> <a href="/b">About us</a> <a href="/c">Contact the team</a> <a href="/d">Careers at the company</a></div>
              <div class="content">
                <p>Governments around the world are drafting rules for artificial intelligence, and the pace is accelerating.</p>
                <p>China, the United States and the European Union have each taken different approaches, from binding law to voluntary codes.</p>
              </div>
              <div class="links"><p><a href="/1">A link list entry that is long enough to count</a>, <a href="/2">another long link entry here</a></p></div>
            </body></html>
            """;

        var result = HtmlExtractor.Extract(html);

        Assert.Null(result.Title);
        Assert.Equal(
            "Governments around the world are drafting rules for artificial intelligence, and the pace is accelerating.\n\n"
            + "China, the United States and the European Union have each taken different approaches, from binding law to voluntary codes.",
            result.Text);
    }

    [Fact]
    public void Extract_uses_main_element_and_og_title_then_h1()
    {
        const string body = "<main><h1>Heading title</h1><p>This main element holds the whole article body, which is long enough to be taken as the content.</p></main><footer>foot</footer>";
        var withOg = HtmlExtractor.Extract($"<html><head><meta property=\"og:title\" content=\"OG title\"></head><body>{body}</body></html>");
        var withH1 = HtmlExtractor.Extract($"<html><body>{body}</body></html>");

        Assert.Equal("OG title", withOg.Title);
        Assert.Equal("Heading title", withH1.Title);
        Assert.Equal("Heading title\n\nThis main element holds the whole article body, which is long enough to be taken as the content.", withH1.Text);
    }

    [Fact]
    public void Extract_keeps_preformatted_lines_and_table_cells()
    {
        const string html = "<article><p>Table of figures follows below, with one row per country and a code sample.</p>"
            + "<table><tr><td>China</td><td>38000</td></tr><tr><td>US</td><td>6276</td></tr></table>"
            + "<pre>line 1\nline 2</pre></article>";
        var result = HtmlExtractor.Extract(html);
        Assert.Equal("Table of figures follows below, with one row per country and a code sample.\n\nChina 38000\n\nUS 6276\n\nline 1\nline 2", result.Text);
    }

    [Fact]
    public void Extract_drops_hidden_elements()
    {
        const string html = "<article><p>Visible paragraph that is long enough to make this article the chosen main content.</p>"
            + "<p style=\"display:none\">Hidden paragraph</p><div hidden>Also hidden</div></article>";
        Assert.Equal("Visible paragraph that is long enough to make this article the chosen main content.", HtmlExtractor.Extract(html).Text);
    }

    [Fact]
    public void Ruby_annotations_are_not_read_into_the_text()
    {
        const string html = "<article><p><ruby>子<rt>こ</rt></ruby>どもへの<ruby>虐待<rp>(</rp><rt>ぎゃくたい</rt><rp>)</rp></ruby>をなくすための"
            + "<ruby>法律<rt>ほうりつ</rt></ruby>ができて、体罰を禁止することになりました。</p></article>";
        Assert.Equal("子どもへの虐待をなくすための法律ができて、体罰を禁止することになりました。", HtmlExtractor.Extract(html).Text);
    }

    [Fact]
    public void A_widget_by_its_name_that_holds_the_page_is_its_content()
    {
        const string post = "<div class=\"post-body\"><p>The committee published its final report on the oversight of general-purpose models on Tuesday.</p>"
            + "<p>It asks for an independent office with the power to audit providers, and for yearly public reviews of them.</p></div>";
        var html = "<html><body><div id=\"main\"><div id=\"Blog1\" class=\"widget Blog\">" + post + "</div></div>"
            + "<div class=\"widget Label\"><p>Labels: AI, oversight, policy, reports, committees, audits, reviews</p></div></body></html>";

        var text = HtmlExtractor.Extract(html).Text;

        Assert.Contains("final report on the oversight", text);
        Assert.Contains("yearly public reviews", text);
        Assert.DoesNotContain("Labels:", text);
    }

    [Fact]
    public void A_sharing_or_paywall_wrapper_that_names_the_content_keeps_it()
    {
        var paragraphs = string.Concat(Enumerable.Range(1, 6).Select(i =>
            $"<p>Paragraph {i} of the committee's report on the oversight of general-purpose models explains, in detail, "
            + "why an independent office with the power to audit providers is needed, and how yearly reviews would work.</p>"));
        var html = "<html><body><div class=\"layout\"><div class=\"documentContent__sharingContainer\">"
            + "<section class=\"entry__content steady-paywall-container\">" + paragraphs + "</section></div>"
            + "<div class=\"comments\"><p>" + string.Concat(Enumerable.Repeat("A reader writes that the report is long overdue. ", 100)) + "</p></div>"
            + "<div class=\"box\"><p>" + string.Concat(Enumerable.Repeat("Notice of the next public meeting of the council. ", 34)) + "</p></div>"
            + "<div class=\"share-bar\"><p>Share this article with your friends and colleagues</p></div></div></body></html>";

        var text = HtmlExtractor.Extract(html).Text;

        Assert.Contains("Paragraph 1 of the committee's report", text);
        Assert.Contains("Paragraph 6 of the committee's report", text);
        Assert.DoesNotContain("Share this article", text);
    }
}
