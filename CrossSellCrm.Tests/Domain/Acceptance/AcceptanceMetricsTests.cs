using CrossSellCrm.Domain.Recommendations.Acceptance;

namespace CrossSellCrm.Tests.Domain.Acceptance;

public class AcceptanceMetricsTests
{
    [Fact]
    public void Auc_WithATie_CountsTheTiedPairHalf()
    {
        // Accepted 0.4 and 0.8, declined 0.1 and 0.4: of the four pairs, three are ordered right and one is tied, (3 + ½) / 4.
        Assert.Equal(0.875, AcceptanceMetrics.Auc([0.1, 0.4, 0.4, 0.8], [false, true, false, true]), 12);
    }

    [Fact]
    public void Auc_ManyTies_MatchesCountingEveryPair()
    {
        double[] scores = [1, 1, 2, 2, 2, 3, 3, 0, 2, 1];
        bool[] accepted = [true, false, true, true, false, false, true, false, false, true];
        double wins = 0, pairs = 0;
        for (var i = 0; i < scores.Length; i++)
            for (var j = 0; j < scores.Length; j++)
                if (accepted[i] && !accepted[j])
                {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
        Assert.Equal(wins / pairs, AcceptanceMetrics.Auc(scores, accepted), 12);
        Assert.Equal(13.5 / 25, wins / pairs, 12); // by hand: accepted 1, 1 win 1.5 each, 2, 2 win 3 each, 3 wins 4.5, of 5 × 5 pairs
    }

    [Fact]
    public void Auc_PerfectReversedAllTiedAndOneClass()
    {
        Assert.Equal(1, AcceptanceMetrics.Auc([0.1, 0.2, 0.8, 0.9], [false, false, true, true]));
        Assert.Equal(0, AcceptanceMetrics.Auc([0.9, 0.8, 0.2, 0.1], [false, false, true, true]));
        Assert.Equal(0.5, AcceptanceMetrics.Auc([0.3, 0.3, 0.3], [false, true, false]));
        Assert.True(double.IsNaN(AcceptanceMetrics.Auc([0.3, 0.4], [true, true])));
    }

    [Fact]
    public void Brier_IsTheMeanSquaredError()
    {
        // (0.1² + 0.2² + 0.5²) / 3 = (0.01 + 0.04 + 0.25) / 3
        Assert.Equal(0.1, AcceptanceMetrics.Brier([0.9, 0.2, 0.5], [true, false, true]), 12);
        Assert.Equal(0, AcceptanceMetrics.Brier([1, 0], [true, false]));
    }

    [Fact]
    public void LogLoss_OfAFairCoinIsLogTwo() =>
        Assert.Equal(Math.Log(2), AcceptanceMetrics.LogLoss([0.5, 0.5], [true, false]), 12);
    [Fact]
    public void LogLoss_Weighted_IsTheWeightedMean()
    {
        // (3 · −log 0.5 + 1 · −log 0.9) / 4
        Assert.Equal((3 * Math.Log(2) - Math.Log(0.9)) / 4, AcceptanceMetrics.LogLoss([0.5, 0.9], [true, true], [3, 1]), 12);
        Assert.Equal(AcceptanceMetrics.LogLoss([0.2, 0.7, 0.4], [false, true, true]), AcceptanceMetrics.LogLoss([0.2, 0.7, 0.4], [false, true, true], [1, 1, 1]));
    }
}
