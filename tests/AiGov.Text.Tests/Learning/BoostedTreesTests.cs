using AiGov.Text.Learning;

namespace AiGov.Text.Tests.Learning;

public class BoostedTreesTests
{
    private static readonly string[] s_twoFeatures = ["a", "b"];

    [Fact]
    public void One_split_takes_the_newton_step_of_each_side()
    {
        // x = 0: 2 of 10 positive; x = 1: 8 of 10. Prior 0.5, so the log-odds start at 0; each side's step is
        // Σ(y − 0.5) ÷ Σ 0.25 = ∓3 ÷ 2.5 = ∓1.2, and σ(−1.2) = 0.2315.
        var samples = Enumerable.Range(0, 20).Select(i => new double[] { i < 10 ? 0 : 1, 0 }).ToList();
        var labels = Enumerable.Range(0, 20).Select(i => i < 10 ? i < 2 : i < 18).ToList();

        var model = BoostedTrees.Train(s_twoFeatures, samples, labels, new BoostingOptions(Trees: 1, Depth: 1, LearningRate: 1, Subsample: 1, MinSamplesLeaf: 1));

        Assert.Equal(0, model.Bias, 12);
        Assert.Equal(0.5, model.Trees[0].Threshold[0], 12);
        Assert.Equal(1 / (1 + Math.Exp(1.2)), model.Probability([0, 0]), 12);
        Assert.Equal(1 / (1 + Math.Exp(-1.2)), model.Probability([1, 0]), 12);
    }

    [Fact]
    public void Trees_of_depth_two_learn_exclusive_or_and_stumps_cannot()
    {
        var samples = Enumerable.Range(0, 80).Select(i => new double[] { i % 2, i / 2 % 2 }).ToList();
        var labels = samples.Select(x => x[0] != x[1]).ToList();

        var pairs = BoostedTrees.Train(s_twoFeatures, samples, labels, new BoostingOptions(Trees: 50, Depth: 2, LearningRate: 0.3, Subsample: 1, MinSamplesLeaf: 1));
        var stumps = BoostedTrees.Train(s_twoFeatures, samples, labels, new BoostingOptions(Trees: 50, Depth: 1, LearningRate: 0.3, Subsample: 1, MinSamplesLeaf: 1));

        Assert.All(samples.Zip(labels), sample => Assert.Equal(sample.Second, pairs.Probability(sample.First) >= 0.5));
        Assert.True(pairs.Probability([0, 1]) > 0.95 && pairs.Probability([1, 1]) < 0.05);
        Assert.All(samples, sample => Assert.Equal(0.5, stumps.Probability(sample), 6));
    }

    [Fact]
    public void A_model_read_back_from_json_gives_the_same_probabilities()
    {
        var random = new Random(7);
        var samples = Enumerable.Range(0, 200).Select(_ => new[] { random.NextDouble(), random.NextDouble() }).ToList();
        var labels = samples.Select(x => x[0] + (0.5 * x[1]) > 0.8).ToList();
        var model = BoostedTrees.Train(s_twoFeatures, samples, labels, new BoostingOptions(Trees: 20));

        var read = BoostedTrees.FromJson(model.ToJson());

        Assert.Equal(model.Features, read.Features);
        Assert.All(samples, sample => Assert.Equal(model.Probability(sample), read.Probability(sample), 12));
    }

    [Fact]
    public void Training_with_the_same_seed_gives_the_same_model()
    {
        var random = new Random(3);
        var samples = Enumerable.Range(0, 300).Select(_ => new[] { random.NextDouble(), random.NextDouble() }).ToList();
        var labels = samples.Select(x => x[0] > x[1]).ToList();

        var first = BoostedTrees.Train(s_twoFeatures, samples, labels, new BoostingOptions(Trees: 10));
        var second = BoostedTrees.Train(s_twoFeatures, samples, labels, new BoostingOptions(Trees: 10));

        Assert.Equal(first.ToJson(), second.ToJson());
    }

    [Fact]
    public void A_sample_with_the_wrong_number_of_features_is_refused()
    {
        var model = BoostedTrees.Train(s_twoFeatures, [[0, 0], [1, 1]], [false, true], new BoostingOptions(Trees: 1, MinSamplesLeaf: 1));

        var error = Assert.Throws<ArgumentException>(() => model.Probability([1]));
        Assert.Contains("takes 2 features", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tree_that_does_not_fit_the_features_is_refused_when_read()
    {
        const string json = """{"features":["a"],"bias":0,"trees":[{"feature":[3,-1,-1],"threshold":[0,0,0],"value":[0,1,-1]}]}""";

        Assert.Throws<FormatException>(() => BoostedTrees.FromJson(json));
    }
}
