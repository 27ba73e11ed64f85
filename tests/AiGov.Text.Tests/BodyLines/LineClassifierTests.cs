using AiGov.Text.Boilerplate;
using AiGov.Text.BodyLines;
using AiGov.Text.Learning;

namespace AiGov.Text.Tests.BodyLines;

public class LineClassifierTests
{
    private static readonly string[] s_paragraphs =
    [
        "The European Parliament adopted the first comprehensive law on artificial intelligence on Wednesday, after two years of negotiations between the member states.",
        "Providers of high-risk systems will have to document their training data and allow human oversight of their products, the text says.",
        "The regulation enters into force twenty days after its publication in the Official Journal of the European Union, and most of its obligations apply two years later.",
        "Member states must name the authorities that will supervise the market and set the fines for breaches before the first obligations apply.",
        "Civil-society groups welcomed the ban on social scoring but criticised the exceptions for the police, which they say leave room for surveillance.",
        "The Commission will publish guidelines on the definition of high-risk systems within six months, and an office in Brussels will audit the largest models.",
        "Industry groups said the rules were workable, although several companies warned that the reporting duties would fall hardest on small firms.",
        "The Council is expected to approve the text next month, after which it will be published in all official languages of the union.",
    ];

    private const string Headline = "Parliament adopts the first law on artificial intelligence";

    [Fact]
    public void The_embedded_model_is_trained_for_the_features_the_cleaner_computes()
    {
        Assert.Equal(LineFeatures.Names.Count, LineFeatures.Of(ProseRun.Layout(Page([]))!)[0].Length);
        _ = LineClassifier.Default;
    }

    [Fact]
    public void A_block_of_labels_between_the_paragraphs_of_the_body_is_dropped_and_the_paragraphs_kept()
    {
        var text = Page(["Read more:", "Sorted by", "Most popular"]);
        var layout = ProseRun.Layout(text)!;
        Assert.True(layout.InStretch(layout.Lines.ToList().IndexOf("Read more:")), "the scan alone keeps the labels inside the body");

        var (kept, outside) = ProseRun.Keep(text);

        Assert.Equal(["Home", "News", "Sport", "Read more:", "Sorted by", "Most popular", "Privacy", "Terms"], outside);
        Assert.All(s_paragraphs, paragraph => Assert.Contains(paragraph, kept, StringComparison.Ordinal));
        Assert.StartsWith(Headline + "\n", kept, StringComparison.Ordinal);
    }

    [Fact]
    public void The_headline_on_top_of_the_body_stays_whatever_the_model_says()
    {
        var layout = ProseRun.Layout(Page([]))!;

        var keep = LineClassifier.Decide(layout, new double[layout.Lines.Count]);

        Assert.Equal([Headline], layout.Lines.Where((_, i) => keep[i]));
    }

    [Fact]
    public void A_line_outside_the_stretch_needs_more_than_one_inside_it()
    {
        var layout = ProseRun.Layout(Page([]))!;
        var outsideLine = layout.Lines.Count - 1;
        var insideLine = layout.First + 3;
        var probabilities = Enumerable.Repeat(0.6, layout.Lines.Count).ToArray();

        var keep = LineClassifier.Decide(layout, probabilities);
        probabilities[outsideLine] = 0.75;
        var keepWithSurerModel = LineClassifier.Decide(layout, probabilities);

        Assert.Equal((true, false, true), (keep[insideLine], keep[outsideLine], keepWithSurerModel[outsideLine]));
    }

    [Fact]
    public void A_model_trained_for_other_features_is_refused()
    {
        var model = BoostedTrees.Train(["length"], [[1], [2]], [false, true], new BoostingOptions(Trees: 1, MinSamplesLeaf: 1));

        var error = Assert.Throws<ArgumentException>(() => new LineClassifier(model));
        Assert.Contains("retrain it", error.Message, StringComparison.Ordinal);
    }

    private static string Page(string[] inserted) =>
        string.Join('\n', ["Home", "News", "Sport", Headline, .. s_paragraphs[..3], .. inserted, .. s_paragraphs[3..], "Privacy", "Terms"]);
}
