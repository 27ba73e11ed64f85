using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiGov.Text.Learning;

/// <summary>How <see cref="BoostedTrees.Train"/> grows its trees.</summary>
/// <param name="Trees">Boosting rounds.</param>
/// <param name="Depth">Levels of splits per tree (a tree has at most 2^Depth leaves).</param>
/// <param name="LearningRate">Shrinkage of each tree's step.</param>
/// <param name="Subsample">Share of the samples each tree is grown on (stochastic gradient boosting).</param>
/// <param name="MinSamplesLeaf">Fewest samples a leaf may hold.</param>
/// <param name="Seed">Seed of the subsampling, so that training is repeatable.</param>
public sealed record BoostingOptions(int Trees = 200, int Depth = 3, double LearningRate = 0.05, double Subsample = 0.8,
    int MinSamplesLeaf = 5, int Seed = 1);

/// <summary>
/// A binary classifier of gradient-boosted regression trees on the log-loss (Friedman's gradient boosting, with a Newton
/// step in each leaf, as scikit-learn's GradientBoostingClassifier and boilerpipe's trained line classifiers do). Hand
/// written because the one served library that trains trees (ML.NET FastTree) would bring a machine-learning runtime
/// into the cleaner for what is two hundred small trees to walk.
/// </summary>
public sealed class BoostedTrees
{
    [JsonConstructor]
    public BoostedTrees(IReadOnlyList<string> features, double bias, IReadOnlyList<RegressionTree> trees)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(trees);
        Features = features;
        Bias = bias;
        Trees = trees;
        _trees = [.. trees];
        _featureCount = features.Count;
        foreach (var tree in _trees)
        {
            tree.Validate(_featureCount);
        }
    }

    // The trees as an array and the feature count as a field: Probability runs for every line of every text.
    private readonly RegressionTree[] _trees;
    private readonly int _featureCount;

    /// <summary>The names of the features, in the order <see cref="Probability"/> expects them.</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>The log-odds before any tree.</summary>
    public double Bias { get; }

    /// <summary>The trees; their leaves hold steps already scaled by the learning rate.</summary>
    public IReadOnlyList<RegressionTree> Trees { get; }

    /// <summary>The probability of the positive class for one sample.</summary>
    public double Probability(ReadOnlySpan<double> features)
    {
        if (features.Length != _featureCount)
        {
            throw new ArgumentException($"The model takes {_featureCount} features; got {features.Length}.", nameof(features));
        }

        var logOdds = Bias;
        foreach (var tree in _trees)
        {
            logOdds += tree.Evaluate(features);
        }
        return Sigmoid(logOdds);
    }

    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    public static BoostedTrees FromJson(string json) =>
        JsonSerializer.Deserialize<BoostedTrees>(json, s_json) ?? throw new FormatException("The model file is empty; train it again.");

    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Grows the trees on <paramref name="samples"/> (one row of features each) and their labels.</summary>
    public static BoostedTrees Train(IReadOnlyList<string> features, IReadOnlyList<double[]> samples, IReadOnlyList<bool> labels,
        BoostingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        if (samples.Count != labels.Count || samples.Count == 0)
        {
            throw new ArgumentException($"Training needs as many labels as samples, and at least one; got {samples.Count} samples and {labels.Count} labels.");
        }
        if (samples.Any(sample => sample.Length != features.Count))
        {
            throw new ArgumentException($"Every sample must have {features.Count} features.", nameof(samples));
        }

        var count = samples.Count;
        var positives = labels.Count(label => label);
        var prior = Math.Clamp(positives / (double)count, 1e-6, 1 - 1e-6);
        var bias = Math.Log(prior / (1 - prior));
        var sorted = Enumerable.Range(0, features.Count)
            .Select(feature => Enumerable.Range(0, count).OrderBy(row => samples[row][feature]).ToArray())
            .ToArray();
        var logOdds = Enumerable.Repeat(bias, count).ToArray();
        var residuals = new double[count];
        var hessians = new double[count];
        var random = new Random(options.Seed);
        var trees = new List<RegressionTree>(options.Trees);
        var grower = new TreeGrower(samples, sorted, options);
        for (var round = 0; round < options.Trees; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var row = 0; row < count; row++)
            {
                var p = Sigmoid(logOdds[row]);
                residuals[row] = (labels[row] ? 1 : 0) - p;
                hessians[row] = p * (1 - p);
            }
            var inSample = new bool[count];
            for (var row = 0; row < count; row++)
            {
                inSample[row] = options.Subsample >= 1 || random.NextDouble() < options.Subsample;
            }
            var tree = grower.Grow(residuals, hessians, inSample);
            trees.Add(tree);
            for (var row = 0; row < count; row++)
            {
                logOdds[row] += tree.Evaluate(samples[row]);
            }
        }
        return new BoostedTrees(features.ToArray(), bias, trees);
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>Grows one tree level by level: each level visits every feature's presorted samples once.</summary>
    private sealed class TreeGrower(IReadOnlyList<double[]> samples, int[][] sorted, BoostingOptions options)
    {
        public RegressionTree Grow(double[] residuals, double[] hessians, bool[] inSample)
        {
            var nodeCount = (1 << (options.Depth + 1)) - 1;
            var feature = Enumerable.Repeat(-1, nodeCount).ToArray();
            var threshold = new double[nodeCount];
            var value = new double[nodeCount];
            var nodeOf = new int[samples.Count];
            for (var row = 0; row < nodeOf.Length; row++)
            {
                nodeOf[row] = inSample[row] ? 0 : -1;
            }

            for (var level = 0; level < options.Depth; level++)
            {
                var first = (1 << level) - 1;
                var width = 1 << level;
                var sum = new double[width];
                var count = new int[width];
                for (var row = 0; row < nodeOf.Length; row++)
                {
                    if (nodeOf[row] >= first && nodeOf[row] < first + width)
                    {
                        sum[nodeOf[row] - first] += residuals[row];
                        count[nodeOf[row] - first]++;
                    }
                }
                // A split without gain is still taken (as scikit-learn does): on exclusive-or the first split gains
                // nothing and the second everything.
                var bestGain = Enumerable.Repeat(double.NegativeInfinity, width).ToArray();
                var bestFeature = Enumerable.Repeat(-1, width).ToArray();
                var bestThreshold = new double[width];
                var leftSum = new double[width];
                var leftCount = new int[width];
                var previous = new double[width];
                for (var f = 0; f < sorted.Length; f++)
                {
                    Array.Clear(leftSum);
                    Array.Clear(leftCount);
                    foreach (var row in sorted[f])
                    {
                        var node = nodeOf[row] - first;
                        if (node < 0 || node >= width)
                        {
                            continue;
                        }
                        var x = samples[row][f];
                        // A split between this sample and the ones before it, when they differ.
                        if (leftCount[node] >= options.MinSamplesLeaf && count[node] - leftCount[node] >= options.MinSamplesLeaf && x > previous[node])
                        {
                            var right = sum[node] - leftSum[node];
                            var gain = (leftSum[node] * leftSum[node] / leftCount[node])
                                + (right * right / (count[node] - leftCount[node]))
                                - (sum[node] * sum[node] / count[node]);
                            if (gain > bestGain[node])
                            {
                                (bestGain[node], bestFeature[node], bestThreshold[node]) = (gain, f, (previous[node] + x) / 2);
                            }
                        }
                        leftSum[node] += residuals[row];
                        leftCount[node]++;
                        previous[node] = x;
                    }
                }
                for (var node = 0; node < width; node++)
                {
                    feature[first + node] = bestFeature[node];
                    threshold[first + node] = bestThreshold[node];
                }
                for (var row = 0; row < nodeOf.Length; row++)
                {
                    var node = nodeOf[row];
                    if (node >= first && node < first + width && feature[node] >= 0)
                    {
                        nodeOf[row] = (2 * node) + (samples[row][feature[node]] <= threshold[node] ? 1 : 2);
                    }
                }
            }

            // Each leaf (a node that did not split) takes the Newton step Σ residual ÷ Σ p(1 − p), shrunk.
            var residualSum = new double[nodeCount];
            var hessianSum = new double[nodeCount];
            for (var row = 0; row < nodeOf.Length; row++)
            {
                if (nodeOf[row] >= 0)
                {
                    residualSum[nodeOf[row]] += residuals[row];
                    hessianSum[nodeOf[row]] += hessians[row];
                }
            }
            for (var node = 0; node < nodeCount; node++)
            {
                value[node] = hessianSum[node] < 1e-9 ? 0 : options.LearningRate * residualSum[node] / hessianSum[node];
            }
            return new RegressionTree(feature, threshold, value);
        }
    }
}

/// <summary>A complete binary tree in arrays: node i splits on <see cref="Feature"/>[i] (−1 for a leaf) at
/// <see cref="Threshold"/>[i], its children are 2i + 1 (≤ threshold) and 2i + 2; a leaf holds <see cref="Value"/>[i].</summary>
public sealed record RegressionTree(int[] Feature, double[] Threshold, double[] Value)
{
    public double Evaluate(ReadOnlySpan<double> features)
    {
        var node = 0;
        while (Feature[node] >= 0)
        {
            node = (2 * node) + (features[Feature[node]] <= Threshold[node] ? 1 : 2);
        }
        return Value[node];
    }

    internal void Validate(int featureCount)
    {
        if (Feature.Length != Threshold.Length || Feature.Length != Value.Length
            || Feature.Any(f => f >= featureCount)
            || Feature.Select((f, node) => f < 0 || (2 * node) + 2 < Feature.Length).Any(valid => !valid))
        {
            throw new FormatException("A tree of the model does not fit its features; train the model again.");
        }
    }
}
