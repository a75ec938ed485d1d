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
}
