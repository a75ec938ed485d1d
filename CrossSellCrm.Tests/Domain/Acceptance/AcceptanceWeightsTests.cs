using CrossSellCrm.Domain.Recommendations.Acceptance;

namespace CrossSellCrm.Tests.Domain.Acceptance;

/// <summary>
/// Row weights, for inverse-propensity weighting: a row logged when its offer was shown with probability p weighs 1/p.
/// Weights of 1 change nothing; an integer weight is that many copies; and weights by the logging policy's known
/// propensities undo the bias of a policy that showed offers mostly to the customers likelier to accept.
/// </summary>
public class AcceptanceWeightsTests
{
    /// <summary>Tables past InnerFoldsUpToRows take the held-out-share path: forced here on a small table, with a small tuning sample.</summary>
    private static readonly AcceptanceSettings HeldOutShare = new() { InnerFoldsUpToRows = 1_000, TuneSampleRows = 1_500 };

    [Theory]
    [InlineData(AcceptanceLearner.BoostedTrees, false)]
    [InlineData(AcceptanceLearner.BoostedTrees, true)]
    [InlineData(AcceptanceLearner.Logistic, false)]
    [InlineData(AcceptanceLearner.Logistic, true)]
    public void Train_WeightsAllOne_GiveTheSameModelAsNoWeights(AcceptanceLearner learner, bool heldOutShare)
    {
        var (table, _) = SyntheticAcceptance.Generate(4_000, seed: 21);
        var ones = WithWeights(table, Enumerable.Repeat(1.0, table.Rows).ToArray());
        var settings = (heldOutShare ? HeldOutShare : new AcceptanceSettings()) with { Learner = learner };
        var plain = AcceptanceTrainer.Train(table, settings);
        var weighted = AcceptanceTrainer.Train(ones, settings);
        Assert.Equal(plain.Calibration, weighted.Calibration);
        Assert.Equal(plain.Training.HoldoutLogLoss, weighted.Training.HoldoutLogLoss);
        Assert.Equal(Enumerable.Range(0, table.Rows).Select(i => plain.Score(table.Row(i))), Enumerable.Range(0, table.Rows).Select(i => weighted.Score(table.Row(i))));
    }

    [Fact]
    public void BinnedLogistic_IntegerWeights_LearnAsDuplicatedRows()
    {
        var (table, _) = SyntheticAcceptance.Generate(3_000, seed: 22);
        var random = new Random(4);
        var weights = Enumerable.Range(0, table.Rows).Select(_ => (double)random.Next(0, 4)).ToArray(); // 0 drops the row
        var (weighted, duplicated) = (WithWeights(table, weights), Duplicate(table, weights));
        var bins = FeatureBins.Fit(weighted, Enumerable.Range(0, weighted.Rows).ToArray(), 32, 64);
        var a = BinnedLogistic.Fit(bins.Encode(weighted, Enumerable.Range(0, weighted.Rows).ToArray()), bins, penalty: 3, CancellationToken.None);
        var b = BinnedLogistic.Fit(bins.Encode(duplicated, Enumerable.Range(0, duplicated.Rows).ToArray()), bins, penalty: 3, CancellationToken.None);
        var plain = BinnedLogistic.Fit(bins.Encode(table, Enumerable.Range(0, table.Rows).ToArray()), bins, penalty: 3, CancellationToken.None);
        var encoded = bins.Encode(table, Enumerable.Range(0, table.Rows).ToArray());
        var largest = 0.0;
        for (var i = 0; i < table.Rows; i++)
        {
            Assert.Equal(b.Logit(encoded, i), a.Logit(encoded, i), 6);
            largest = Math.Max(largest, Math.Abs(plain.Logit(encoded, i) - a.Logit(encoded, i)));
        }
        Assert.True(largest > 0.05, $"the weights moved no logit by more than {largest}: they were not used"); // the comparison means something
    }

    [Fact]
    public void BoostedTrees_IntegerWeights_LearnAsDuplicatedRows()
    {
        // Every row in every tree and a leaf of one row, so that the copies meet exactly the splits their weight meets.
        var (table, _) = SyntheticAcceptance.Generate(3_000, seed: 23);
        var random = new Random(5);
        var weights = Enumerable.Range(0, table.Rows).Select(_ => (double)random.Next(1, 4)).ToArray();
        var (weighted, duplicated) = (WithWeights(table, weights), Duplicate(table, weights));
        var bins = FeatureBins.Fit(weighted, Enumerable.Range(0, weighted.Rows).ToArray(), 32, 64);
        var options = new BoostedTrees.Options(Depth: 3, LearningRate: 0.1, MaxTrees: 40, MinLeafRows: 1, LeafPenalty: 1, Subsample: 1, Patience: 10, Seed: 1);
        var a = BoostedTrees.Fit(bins.Encode(weighted, Enumerable.Range(0, weighted.Rows).ToArray()), null, bins, options, CancellationToken.None).Model;
        var b = BoostedTrees.Fit(bins.Encode(duplicated, Enumerable.Range(0, duplicated.Rows).ToArray()), null, bins, options, CancellationToken.None).Model;
        var plain = BoostedTrees.Fit(bins.Encode(table, Enumerable.Range(0, table.Rows).ToArray()), null, bins, options, CancellationToken.None).Model;
        var encoded = bins.Encode(table, Enumerable.Range(0, table.Rows).ToArray());
        var largest = 0.0;
        for (var i = 0; i < table.Rows; i++)
        {
            Assert.Equal(b.Logit(encoded, i), a.Logit(encoded, i), 9);
            largest = Math.Max(largest, Math.Abs(plain.Logit(encoded, i) - a.Logit(encoded, i)));
        }
        Assert.True(largest > 0.05, $"the weights moved no logit by more than {largest}: they were not used");
    }

    [Theory]
    [InlineData(AcceptanceLearner.BoostedTrees, false)]
    [InlineData(AcceptanceLearner.BoostedTrees, true)]
    [InlineData(AcceptanceLearner.Logistic, false)]
    [InlineData(AcceptanceLearner.Logistic, true)]
    public void Train_PlantedSelectionBias_IsCorrectedByInversePropensityWeights(AcceptanceLearner learner, bool heldOutShare)
    {
        // Reps show the offer to 80 % of their warm customers and 20 % of the cold ones; warmth (which the features do not
        // hold) makes acceptance some four times as likely. Learnt from what was shown, the model believes the warm customers'
        // rate; weighted by 1 / P(shown), it learns every customer's. Judged on all customers, as a uniform policy would meet them.
        var (logged, shown) = Population(30_000, seed: 31, logging: true);
        var (everyone, truth) = Population(20_000, seed: 32, logging: false);
        var settings = (heldOutShare ? HeldOutShare with { InnerFoldsUpToRows = 5_000, TuneSampleRows = 5_000 } : new AcceptanceSettings()) with { Learner = learner };
        var unweighted = AcceptanceTrainer.Train(WithWeights(logged, null), settings);
        var weighted = AcceptanceTrainer.Train(WithWeights(logged, shown.Select(p => 1 / p).ToArray()), settings);
        var truthMean = truth.Average();
        double MeanPrediction(AcceptanceModel model) => Enumerable.Range(0, everyone.Rows).Average(i => model.Probability(everyone, i));
        var (weightedError, unweightedError) = (Math.Abs(MeanPrediction(weighted) - truthMean), Math.Abs(MeanPrediction(unweighted) - truthMean));
        Assert.True(unweightedError > 0.05, $"no bias planted: unweighted off by {unweightedError:F4}");
        Assert.True(weightedError < unweightedError / 4, $"weighted off by {weightedError:F4}, unweighted by {unweightedError:F4} (truth {truthMean:F4})");
        Assert.True(weightedError < 0.02, $"weighted off by {weightedError:F4} (truth {truthMean:F4}, calibration {weighted.Calibration})");
    }

    [Fact]
    public void AcceptanceTable_WrongWeights_AreRefused()
    {
        var (table, _) = SyntheticAcceptance.Generate(10, seed: 1);
        Assert.Throws<ArgumentException>(() => WithWeights(table, new double[9]));
        Assert.Throws<ArgumentException>(() => WithWeights(table, Enumerable.Repeat(-1.0, 10).ToArray()));
        Assert.Throws<ArgumentException>(() => WithWeights(table, Enumerable.Repeat(double.NaN, 10).ToArray()));
        Assert.Throws<ArgumentException>(() => WithWeights(table, new double[10])); // all 0: nothing to learn from
        Assert.Equal(1, WithWeights(table, null).Weight(3));
        Assert.Equal(2.5, WithWeights(table, Enumerable.Repeat(2.5, 10).ToArray()).Weight(3));
    }

    private static AcceptanceTable WithWeights(AcceptanceTable table, double[]? weights)
    {
        var values = Enumerable.Range(0, table.Rows).SelectMany(i => table.Row(i).ToArray()).ToArray();
        return new AcceptanceTable(table.Schema, values, Enumerable.Range(0, table.Rows).Select(table.Accepted).ToArray(), weights);
    }

    /// <summary>Each row <paramref name="times"/>[row] times over, one weight each.</summary>
    private static AcceptanceTable Duplicate(AcceptanceTable table, double[] times)
    {
        var values = new List<double>();
        var accepted = new List<bool>();
        for (var i = 0; i < table.Rows; i++)
            for (var k = 0; k < (int)times[i]; k++)
            {
                values.AddRange(table.Row(i).ToArray());
                accepted.Add(table.Accepted(i));
            }
        return new AcceptanceTable(table.Schema, values.ToArray(), accepted.ToArray());
    }

    /// <summary>
    /// Customers with an age, a segment and a hidden warmth. With <paramref name="logging"/>: only the offers the
    /// logging policy showed, with the probability it showed each; without: every customer, with the true P(accepted).
    /// </summary>
    private static (AcceptanceTable Table, double[] ShownOrTruth) Population(int customers, int seed, bool logging)
    {
        var random = new Random(seed);
        var columns = new[]
        {
            new AcceptanceColumn("age", AcceptanceColumnKind.Numeric),
            new AcceptanceColumn("segment", AcceptanceColumnKind.Categorical, ["a", "b", "c", "d"]),
        };
        double[] segmentEffect = [-0.6, 0, 0.3, 0.8];
        var values = new List<double>();
        var accepted = new List<bool>();
        var numbers = new List<double>();
        for (var i = 0; i < customers; i++)
        {
            var age = Math.Round(20 + 50 * random.NextDouble());
            var segment = random.Next(4);
            var warm = random.NextDouble() < 0.5;
            var p = AcceptanceMetrics.Sigmoid(-2.2 + 0.02 * (age - 45) + segmentEffect[segment] + (warm ? 1.8 : 0));
            var shown = warm ? 0.8 : 0.2;
            var outcome = random.NextDouble() < p;
            if (logging && random.NextDouble() >= shown) continue;
            values.AddRange([age, segment]);
            accepted.Add(outcome);
            numbers.Add(logging ? shown : p);
        }
        return (new AcceptanceTable(new AcceptanceSchema(columns), values.ToArray(), accepted.ToArray()), numbers.ToArray());
    }
}
