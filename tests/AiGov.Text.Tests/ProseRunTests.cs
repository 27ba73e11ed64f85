using AiGov.Text.Boilerplate;

namespace AiGov.Text.Tests;

public class ProseRunTests
{
    private const string Article = """
        Home
        News
        Sport
        Menu Search Sign in
        Subscribe
        Parliament adopts the first law on artificial intelligence
        The European Parliament adopted the first comprehensive law on artificial intelligence on Wednesday, after two years of negotiations.
        Providers of high-risk systems will have to document their training data and allow human oversight of their products.
        The rules apply in stages:
        bans after six months
        general-purpose models after a year
        The regulation enters into force twenty days after its publication in the Official Journal of the European Union, and most of its obligations apply two years later.
        Member states must name the authorities that will supervise the market and set the fines for breaches before the first obligations apply.
        Related stories
        Chip makers warn of shortages
        Ten tools for teachers
        Click here to subscribe to our newsletter
        Privacy
        Terms
        """;

    [Fact]
    public void Keeps_the_prose_run_with_its_headline_and_the_list_inside_it()
    {
        var (text, outside) = ProseRun.Keep(Article);

        Assert.StartsWith("Parliament adopts the first law on artificial intelligence\n", text, StringComparison.Ordinal);
        Assert.Contains("bans after six months", text, StringComparison.Ordinal);
        Assert.EndsWith("before the first obligations apply.", text, StringComparison.Ordinal);
        Assert.Equal(["Home", "News", "Sport", "Menu Search Sign in", "Subscribe", "Related stories", "Chip makers warn of shortages",
            "Ten tools for teachers", "Click here to subscribe to our newsletter", "Privacy", "Terms"], outside);
    }

    [Fact]
    public void A_sentence_broken_over_lines_is_judged_whole()
    {
        const string broken = """
            Home
            News
            Sport
            Menu Search Sign in
            Parliament adopts the first law on artificial intelligence
            The European Parliament adopted the law
            on Wednesday, after two years
            of negotiations with the member states.
            Providers of high-risk systems will have to document
            their training data and allow human oversight.
            Privacy
            Terms
            """;

        var (text, outside) = ProseRun.Keep(broken);

        Assert.StartsWith("Parliament adopts the first law on artificial intelligence\nThe European Parliament adopted the law\n", text, StringComparison.Ordinal);
        Assert.EndsWith("their training data and allow human oversight.", text, StringComparison.Ordinal);
        Assert.Equal(["Home", "News", "Sport", "Menu Search Sign in", "Privacy", "Terms"], outside);
    }

    [Fact]
    public void A_short_run_before_the_body_stays_and_a_teaser_after_it_goes()
    {
        var body = string.Join('\n', Enumerable.Range(1, 3).Select(i =>
            $"Paragraph {i} of the report explains why an independent office with the power to audit providers of general-purpose models is needed, and how its yearly public reviews would work."));
        var text = string.Join('\n',
            "Home", "News", "Sport", "Menu Search Sign in",
            "Parliament adopts the first law on artificial intelligence",
            "The vote on Wednesday ended two years of negotiations between the parliament and the member states.",
            "Advertisement", "Read more", "Listen", "Share",
            body,
            "Related", "More from Brussels", "Most read",
            "Chip makers warn of shortages as demand for accelerators keeps rising across the industry this year, analysts say.",
            "Privacy", "Terms");

        var (kept, outside) = ProseRun.Keep(text);

        Assert.StartsWith("Parliament adopts the first law on artificial intelligence\nThe vote on Wednesday ended", kept, StringComparison.Ordinal);
        Assert.EndsWith("how its yearly public reviews would work.", kept, StringComparison.Ordinal);
        Assert.Contains("Chip makers warn of shortages as demand for accelerators keeps rising across the industry this year, analysts say.", outside);
    }

    [Fact]
    public void Teaser_headlines_after_the_article_do_not_extend_it()
    {
        // Each teaser headline has twelve or more words but no sentence end: prose by length, a headline by shape.
        var body = string.Join('\n', Enumerable.Range(1, 4).Select(i =>
            $"Paragraph {i} of the report explains why an independent office with the power to audit providers of general-purpose models is needed."));
        var text = string.Join('\n',
            "Home", "News", "Menu Search Sign in",
            "Parliament adopts the first law on artificial intelligence",
            body,
            "More information:",
            "Chip makers warn of shortages as demand for accelerators keeps rising across the industry",
            "Ten tools that teachers in primary schools can use to explain machine learning to their pupils",
            "Why the new data centres in the north of the country need more water than the towns around them",
            "Privacy", "Terms");

        var (kept, outside) = ProseRun.Keep(text);

        Assert.EndsWith("providers of general-purpose models is needed.", kept, StringComparison.Ordinal);
        Assert.Contains("Ten tools that teachers in primary schools can use to explain machine learning to their pupils", outside);
    }

    [Fact]
    public void A_block_of_short_lines_breaks_the_run_more_than_a_single_caption()
    {
        string[] body =
        [
            "The European Parliament adopted the first comprehensive law on artificial intelligence on Wednesday, after two years of negotiations between the member states, the Commission and the Parliament itself, which had asked for stricter rules.",
            "Providers of high-risk systems will have to document their training data, allow human oversight of their products and report serious incidents to the authorities of the member states in which the systems are sold or used.",
            "Reuters / Jane Doe",
            "The regulation enters into force twenty days after its publication in the Official Journal of the European Union, and most of its obligations apply two years later, with bans on some practices after six months already.",
            "Member states must name the authorities that will supervise the market and set the fines for breaches before the first obligations apply, and the Commission will publish guidelines on the definition of high-risk systems.",
            "Civil-society groups welcomed the ban on social scoring but criticised the exceptions for the police, which they say leave room for mass surveillance in public spaces and at the borders of the European Union.",
        ];
        const string comment = "I have read the whole text of the regulation now, and I think that the rules for general-purpose models are far too weak, because they only ask the largest providers to assess the risks of their models and leave the smaller ones alone, although the smaller models are the ones that most companies will build their products on, and nobody will check what those companies do with them before it is too late for the people who are affected by the decisions that the systems make about them.";
        var text = string.Join('\n', body) + "\nComments\nJane\n12 March 2024 at 10:14\nReply\nReport\n" + comment;

        var (kept, outside) = ProseRun.Keep(text);

        Assert.Contains("Reuters / Jane Doe", kept, StringComparison.Ordinal);
        Assert.EndsWith("at the borders of the European Union.", kept, StringComparison.Ordinal);
        Assert.Contains(comment, outside);
    }

    [Fact]
    public void A_short_opening_paragraph_far_above_a_long_body_stays_with_it()
    {
        const string opening = "The European Parliament adopted the first comprehensive law on artificial intelligence on Wednesday, after two years of negotiations.";
        var body = Enumerable.Range(1, 10).Select(i =>
            $"Paragraph {i} of the report explains, in some detail, what the regulation asks of providers, of deployers and of the authorities of the member states, and when each of its obligations applies.");
        var text = string.Join('\n', ["Home", "News", "Parliament adopts the first law on artificial intelligence", opening,
            "Photo: Jane Doe", "Share", "Tweet", "Email", "Print", "Listen", .. body, "Privacy", "Terms"]);

        var (kept, _) = ProseRun.Keep(text);

        Assert.StartsWith("Parliament adopts the first law on artificial intelligence\n" + opening, kept, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_of_headlines_only_keeps_its_headlines()
    {
        var headlines = Enumerable.Range(1, 10).Select(i =>
            $"Story {i}: the parliament and the member states disagree again about the rules for general purpose models").ToList();
        var text = string.Join('\n', new[] { "Home", "News", "Menu Search Sign in" }.Concat(headlines).Append("Privacy"));

        var (kept, _) = ProseRun.Keep(text);

        Assert.All(headlines, headline => Assert.Contains(headline, kept, StringComparison.Ordinal));
    }

    [Fact]
    public void An_opening_paragraph_set_apart_by_a_photo_credit_joins_the_body()
    {
        var body = string.Join('\n', Enumerable.Range(1, 12).Select(i =>
            $"Paragraph {i} of the report explains why an independent office with the power to audit providers of general-purpose models is needed, and how its yearly public reviews would work."));
        var text = string.Join('\n',
            "Home", "News", "Menu Search Sign in",
            "Parliament adopts the first law on artificial intelligence",
            "The vote on Wednesday ended two years of negotiations between the parliament, the commission and the member states.",
            "Photo: Reuters", "Jane Doe", "Brussels", "Share",
            body,
            "Privacy", "Terms");

        var (kept, _) = ProseRun.Keep(text);

        Assert.StartsWith("Parliament adopts the first law on artificial intelligence\nThe vote on Wednesday ended two years", kept, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_without_a_body_of_prose_is_left_whole()
    {
        var recipe = string.Join('\n', "Home", "Recipes", "Apple cake", "Ingredients", "200 g flour", "100 g butter", "3 apples",
            "2 eggs", "Bake for 40 minutes.", "Serve warm.", "Privacy");

        var (kept, outside) = ProseRun.Keep(recipe);

        Assert.Equal((recipe, 0), (kept, outside.Count));
    }

    [Fact]
    public void Leaves_a_short_text_whole()
    {
        const string note = "Menu\nThe committee meets on Monday.\nPrivacy";

        Assert.Equal((note, 0), (ProseRun.Keep(note).Text, ProseRun.Keep(note).Outside.Count));
    }

    [Fact]
    public void A_text_file_dropped_with_menus_is_cleaned_to_its_article_and_its_headline_is_the_title()
    {
        var cleaned = DocumentCleaner.Clean(System.Text.Encoding.UTF8.GetBytes(Article), "scraped.txt");

        Assert.Equal("Parliament adopts the first law on artificial intelligence", cleaned.Title);
        Assert.DoesNotContain("Menu Search Sign in", cleaned.CleanText, StringComparison.Ordinal);
        Assert.DoesNotContain("Chip makers warn", cleaned.CleanText, StringComparison.Ordinal);
        Assert.DoesNotContain("Ten tools for teachers", cleaned.CleanText, StringComparison.Ordinal);
        Assert.Contains(cleaned.Removed, removed => removed.Label == "outside-body" && removed.Text == "Menu Search Sign in");
    }
}
