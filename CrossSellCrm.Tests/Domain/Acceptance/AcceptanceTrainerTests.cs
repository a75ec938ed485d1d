using CrossSellCrm.Domain.Recommendations.Acceptance;

namespace CrossSellCrm.Tests.Domain.Acceptance;

public class AcceptanceTrainerTests
{
    private static (double ModelAuc, double TruthAuc, double ModelBrier, double TruthBrier, AcceptanceModel Model) TrainAndTest(AcceptanceLearner learner, bool signal)
    {
        var (table, truth) = SyntheticAcceptance.Generate(16_000, seed: 3, signal);
        var train = Enumerable.Range(0, 12_000).ToArray();
        var test = Enumerable.Range(12_000, 4_000).ToArray();
        var model = AcceptanceTrainer.Train(table, train, new AcceptanceSettings { Learner = learner }, CancellationToken.None);
        var probabilities = test.Select(i => model.Probability(table, i)).ToArray();
        var outcomes = test.Select(table.Accepted).ToArray();
        var truthOnTest = test.Select(i => truth[i]).ToArray();
        return (AcceptanceMetrics.Auc(probabilities, outcomes), AcceptanceMetrics.Auc(truthOnTest, outcomes),
            AcceptanceMetrics.Brier(probabilities, outcomes), AcceptanceMetrics.Brier(truthOnTest, outcomes), model);
    }

    [Theory]
    [InlineData(AcceptanceLearner.BoostedTrees, 0.02)]
    [InlineData(AcceptanceLearner.Logistic, 0.03)] // it cannot see the interaction the truth holds
    public void Train_PlantedLogisticTruth_ComesCloseToTheTruthsAuc(AcceptanceLearner learner, double slack)
    {
        var (auc, truthAuc, brier, truthBrier, model) = TrainAndTest(learner, signal: true);
        Assert.InRange(truthAuc, 0.75, 0.9);
        Assert.InRange(auc, truthAuc - slack, truthAuc + 0.01);
        Assert.InRange(brier, truthBrier, truthBrier + 0.006);
        // What the truth leans on most comes first; the columns it never reads come last.
        var order = model.TopFeatures.Select(p => p.Column).ToList();
        Assert.Contains(order[0], new[] { "age", "segment", "channel", "recency" });
        Assert.All(new[] { "noise1", "noise2", "noise3" }, noise => Assert.True(order.IndexOf(noise) >= 6, $"{noise} at {order.IndexOf(noise)}: {string.Join(", ", order)}"));
    }

    [Theory]
    [InlineData(AcceptanceLearner.BoostedTrees)]
    [InlineData(AcceptanceLearner.Logistic)]
    public void Train_Noise_FindsNothing(AcceptanceLearner learner)
    {
        var (auc, _, brier, truthBrier, _) = TrainAndTest(learner, signal: false);
        Assert.InRange(auc, 0.46, 0.54);
        Assert.InRange(brier, truthBrier - 0.002, truthBrier + 0.003); // no worse than saying the rate
    }

    [Fact]
    public void Probability_IsTheSameFromEveryThread_AndTheSameForTheSameSeed()
    {
        var (table, _) = SyntheticAcceptance.Generate(3_000, seed: 9);
        var model = AcceptanceTrainer.Train(table, new AcceptanceSettings());
        var again = AcceptanceTrainer.Train(table, new AcceptanceSettings());
        var expected = Enumerable.Range(0, table.Rows).Select(i => model.Probability(table, i)).ToArray();
        Assert.Equal(expected, Enumerable.Range(0, table.Rows).Select(i => again.Probability(table, i)));
        var parallel = new double[table.Rows];
        Parallel.For(0, table.Rows, i => parallel[i] = model.Probability(table.Row(i)));
        Assert.Equal(expected, parallel);
        Assert.All(expected, p => Assert.InRange(p, 0, 1));
    }

    [Fact]
    public void Probability_UnknownCategoryAndMissingNumber_AreScoredNotRefused()
    {
        var (table, _) = SyntheticAcceptance.Generate(3_000, seed: 11);
        var model = AcceptanceTrainer.Train(table, new AcceptanceSettings { Learner = AcceptanceLearner.Logistic });
        var row = table.Row(0).ToArray();
        row[1] = double.NaN; // balance unknown
        row[6] = 99;         // a segment the training never saw
        Assert.InRange(model.Probability(row), 0, 1);
        Assert.Throws<ArgumentException>(() => model.Probability(row.AsSpan(0, 3)));
    }

    [Fact]
    public void QuantileEdges_FewDistinctValues_EachItsOwnBin_ManyValues_AboutEqualCounts()
    {
        Assert.Equal([0.0, 1.0], FeatureBins.QuantileEdges(new double[] { 2, 0, 1, 1, 2, 0 }, 32));
        var values = Enumerable.Range(0, 1000).Select(i => (double)i).ToArray();
        var edges = FeatureBins.QuantileEdges(values, 4);
        Assert.Equal([250.0, 500, 750], edges);
    }

    [Fact]
    public void CrossValidation_FoldsAreStratified()
    {
        var (table, _) = SyntheticAcceptance.Generate(5_003, seed: 2);
        var folds = CrossValidation.Folds(table, 5, seed: 1);
        var accepted = table.AcceptedCount;
        for (var f = 0; f < 5; f++)
        {
            var inFold = Enumerable.Range(0, table.Rows).Where(i => folds[i] == f).ToList();
            Assert.InRange(inFold.Count(table.Accepted), accepted / 5, accepted / 5 + 1);
            Assert.InRange(inFold.Count, table.Rows / 5, table.Rows / 5 + 2);
        }
    }
    [Fact]
    public void Train_LargeTable_TunesTheDepthOnASample_ThenBoostsOnceOnTheKeptRows()
    {
        // The held-out-share path, forced on a small table: 9,600 kept rows, the depth tuned on 3,000 of them.
        var (table, truth) = SyntheticAcceptance.Generate(16_000, seed: 3);
        var train = Enumerable.Range(0, 12_000).ToArray();
        var test = Enumerable.Range(12_000, 4_000).ToArray();
        var settings = new AcceptanceSettings { InnerFoldsUpToRows = 10_000, TuneSampleRows = 3_000 };
        var model = AcceptanceTrainer.Train(table, train, settings, CancellationToken.None);
        Assert.Equal(1, model.Training.Members);
        Assert.Equal([3.0, 4, 5], model.Training.Tried.Select(t => t.Setting));
        Assert.InRange(model.Training.Trees, 1, settings.MaxTrees);
        var outcomes = test.Select(table.Accepted).ToArray();
        var auc = AcceptanceMetrics.Auc(test.Select(i => model.Probability(table, i)).ToArray(), outcomes);
        var truthAuc = AcceptanceMetrics.Auc(test.Select(i => truth[i]).ToArray(), outcomes);
        Assert.InRange(auc, truthAuc - 0.02, truthAuc + 0.01);
    }

    [Fact]
    public void BoostedTrees_LargeNodes_CountedInParallelChunks_GiveTheSameModelEveryTime()
    {
        // 40,000 rows: the root's and the first level's histograms, the score updates and the validation loss go in chunks over the cores.
        var (table, _) = SyntheticAcceptance.Generate(60_000, seed: 8);
        var fitRows = Enumerable.Range(0, 40_000).ToArray();
        var bins = FeatureBins.Fit(table, fitRows, 32, 64);
        var (fit, validation) = (bins.Encode(table, fitRows), bins.Encode(table, Enumerable.Range(40_000, 20_000).ToArray()));
        var options = new BoostedTrees.Options(Depth: 4, LearningRate: 0.1, MaxTrees: 30, MinLeafRows: 20, LeafPenalty: 1, Subsample: 0.8, Patience: 10, Seed: 1);
        var (a, lossA) = BoostedTrees.Fit(fit, validation, bins, options, CancellationToken.None);
        var (b, lossB) = BoostedTrees.Fit(fit, validation, bins, options, CancellationToken.None);
        Assert.Equal(lossA, lossB);
        Assert.Equal(a.Logits(validation), b.Logits(validation));
        // And the validation loss it early-stops on is the held-out log-loss of the model it returns.
        Assert.Equal(AcceptanceMetrics.LogLoss(a.Logits(validation).Select(AcceptanceMetrics.Sigmoid).ToArray(), validation.Accepted), lossA, 9);
    }

    [Fact]
    public void StratifiedSample_KeepsTheShareOfEachOutcome()
    {
        var accepted = Enumerable.Range(0, 10_000).Select(i => i % 10 < 2).ToArray(); // 20 % accepted
        var sample = AcceptanceTrainer.StratifiedSample(accepted, 1_000, seed: 1);
        Assert.Equal(1_000, sample.Length);
        Assert.Equal(200, sample.Count(i => accepted[i]));
        Assert.Equal(sample.Order(), sample);
        Assert.Equal(sample.Length, sample.Distinct().Count());
        Assert.Equal(sample, AcceptanceTrainer.StratifiedSample(accepted, 1_000, seed: 1));
    }
}
