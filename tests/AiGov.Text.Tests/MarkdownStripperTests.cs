namespace AiGov.Text.Tests;

public class MarkdownStripperTests
{
    [Theory]
    [InlineData("# Heading One", "Heading One")]
    [InlineData("### Closed heading ###", "Closed heading")]
    [InlineData("## Learning C#", "Learning C#")]
    [InlineData("##", "")]
    [InlineData("Some **bold**, __strong__, *italic* and _emphasis_ text", "Some bold, strong, italic and emphasis text")]
    [InlineData("~~gone~~ not really", "gone not really")]
    [InlineData("See [the report](https://example.org/report \"title\") now", "See the report now")]
    [InlineData("Logo ![alt text](img/logo.png) here", "Logo  here")]
    [InlineData("A [reference link][ref] here", "A reference link here")]
    [InlineData("- item one", "item one")]
    [InlineData("* item two", "item two")]
    [InlineData("12. numbered", "numbered")]
    [InlineData("- [x] done task", "done task")]
    [InlineData("> quoted text", "quoted text")]
    [InlineData("> > nested quote", "nested quote")]
    [InlineData("Text with <span class=\"x\">html</span> tags<br/>", "Text with html tags")]
    [InlineData("Use `snake_case_name` and `a*b*c`", "Use snake_case_name and a*b*c")]
    [InlineData("keep snake_case_words intact", "keep snake_case_words intact")]
    [InlineData("Escaped \\*stars\\* stay", "Escaped *stars* stay")]
    [InlineData("AT&amp;T <https://example.org>", "AT&T https://example.org")]
    [InlineData("**bold with *italic* inside** and __strong with snake_case__", "bold with italic inside and strong with snake_case")]
    [InlineData("_emphasis with snake_case inside_ ends", "emphasis with snake_case inside ends")]
    [InlineData("~~one ~ tilde~~ kept", "one ~ tilde kept")]
    [InlineData("before <!-- a -- comment --> after", "before  after")]
    // A span cannot hold its own opener: an unclosed one is left as text and the span begins at the next opener
    // (CommonMark does the same), which is also what keeps a line of unclosed openers linear.
    [InlineData("**a **b** c", "**a b c")]
    [InlineData("*a *b* c", "*a b c")]
    [InlineData("~~a ~~b~~ c", "~~a b c")]
    [InlineData("<!-- a <!-- b --> c", "<!-- a  c")]
    public void Strip_single_line(string markdown, string expected)
    {
        Assert.Equal(expected, MarkdownStripper.Strip(markdown));
    }

    [Fact]
    public void A_line_longer_than_a_segment_is_stripped_piece_by_piece()
    {
        var sentence = "The **council** adopted the *report* on [artificial intelligence](https://example.org/ai) today. ";
        var line = string.Concat(Enumerable.Repeat(sentence, (2 * MarkdownStripper.MaxInlineSegment / sentence.Length) + 1));

        var stripped = MarkdownStripper.Strip(line);

        Assert.Equal(string.Concat(Enumerable.Repeat("The council adopted the report on artificial intelligence today. ", (2 * MarkdownStripper.MaxInlineSegment / sentence.Length) + 1)), stripped);
    }

    [Fact]
    public void Stripping_stops_when_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => MarkdownStripper.Strip("# Notes\n\nOne line.", cancelled.Token));
    }

    [Fact]
    public void Strip_keeps_code_fence_content_verbatim()
    {
        const string markdown = "Intro\n\n```csharp\nvar x = a * b; // **not bold**\n```\n\nAfter";
        Assert.Equal("Intro\n\nvar x = a * b; // **not bold**\n\nAfter", MarkdownStripper.Strip(markdown));
    }

    [Fact]
    public void Strip_removes_table_pipes_and_separator_rows()
    {
        const string markdown = "| Country | Patents |\n|---|:---:|\n| China | 38000 |";
        Assert.Equal("Country  Patents\n\nChina  38000", MarkdownStripper.Strip(markdown));
    }

    [Fact]
    public void Strip_removes_front_matter_rules_setext_underlines_and_reference_definitions()
    {
        const string markdown = "---\ntitle: x\n---\nTitle\n=====\n\nBody text.\n\n***\n\n[ref]: https://example.org";
        Assert.Equal("Title\n\nBody text.\n\n\n\n", MarkdownStripper.Strip(markdown));
    }

    [Fact]
    public void Strip_output_normalizes_to_clean_paragraphs()
    {
        const string markdown = "# AI Act\r\n\r\nThe **EU** adopted the [AI Act](https://eur-lex.europa.eu).\r\n\r\n- Risk tiers\r\n- Fines";
        Assert.Equal("AI Act\n\nThe EU adopted the AI Act.\n\nRisk tiers\nFines", TextNormalizer.Normalize(MarkdownStripper.Strip(markdown)));
    }
}
