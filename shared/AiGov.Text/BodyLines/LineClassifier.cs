using AiGov.Text.Learning;

namespace AiGov.Text.BodyLines;

/// <summary>
/// Decides line by line what of a scraped text is its body, from the prose-run scan's stretch and the signals of
/// <see cref="LineFeatures"/>: gradient-boosted trees trained on trafilatura's dev pages as text dumps (a line holding
/// a snippet the article must contain is body, one holding a snippet it must not is not), as boilerpipe trains its
/// classifier of text blocks. The trained model is BodyLines/line-model.json; retrain it with
/// <c>dotnet run -c Release --project tools/AiGov.TextBench -- train-lines</c> whenever a feature or the scan changes.
/// </summary>
internal sealed class LineClassifier
{
    private const string ResourceName = "AiGov.Text.BodyLines.line-model.json";

    /// <summary>A line is body when the model gives it at least this probability.</summary>
    public const double Threshold = 0.5;

    /// <summary>A line outside the scan's body stretch needs this much to be taken back: the model, trained on
    /// labelled lines only, gives a comment or a teaser headline next to the body 0.5–0.65 (held-out dev-set F1
    /// 0.8956 at 0.5, 0.8957 at 0.7, 0.8940 when nothing is taken back).</summary>
    public const double OutsideThreshold = 0.7;

    private static readonly Lazy<LineClassifier> s_default = new(() => new LineClassifier(BoostedTrees.FromJson(DataFileLines.ReadEmbeddedFile(ResourceName))));

    private readonly BoostedTrees _model;

    public LineClassifier(BoostedTrees model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.Features.SequenceEqual(LineFeatures.Names))
        {
            throw new ArgumentException($"The line model was trained for the features [{string.Join(", ", model.Features)}], "
                + $"not for [{string.Join(", ", LineFeatures.Names)}]; retrain it (tools/AiGov.TextBench train-lines).", nameof(model));
        }
        _model = model;
    }

    /// <summary>The model embedded in this library.</summary>
    public static LineClassifier Default => s_default.Value;

    /// <summary>For each line of <paramref name="layout"/>, whether it is body.</summary>
    public bool[] Keep(BodyLayout layout) => Decide(layout, Probabilities(layout));

    /// <summary>Each line's probability of being body.</summary>
    public double[] Probabilities(BodyLayout layout) => LineFeatures.Of(layout).Select(row => _model.Probability(row)).ToArray();

    /// <summary>The lines the model gives at least <see cref="Threshold"/> (<see cref="OutsideThreshold"/> outside
    /// the stretch), and the headline the scan found on top of
    /// the body: the dev set's snippets are paragraphs, so the model learnt nothing about headlines, and the title of a
    /// text is its headline.</summary>
    public static bool[] Decide(BodyLayout layout, IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(probabilities);
        var keep = new bool[probabilities.Count];
        for (var i = 0; i < keep.Length; i++)
        {
            keep[i] = probabilities[i] >= (layout.InStretch(i) ? Threshold : OutsideThreshold) || layout.IsHeadline(i);
        }
        return keep;
    }
}
