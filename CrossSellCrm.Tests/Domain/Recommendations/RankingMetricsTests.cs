using CrossSellCrm.Domain.Recommendations.Evaluation;

namespace CrossSellCrm.Tests.Domain.Recommendations;

public class RankingMetricsTests
{
    [Fact]
    public void Add_OneCase_HandComputedMetrics()
    {
        // Ranked [10, 20, 30], relevant {20, 40}, k = 3:
        // hit at rank 2 → hit rate 1, precision 1/3, recall 1/2,
        // AP = (1/2) / min(2, 3) = 0.25, DCG = 1/log2(3), IDCG = 1 + 1/log2(3).
        var metrics = new RankingMetrics("x", 3, catalogueSize: 10);
        metrics.Add([10, 20, 30], new HashSet<int> { 20, 40 });
        var r = metrics.Result();
        Assert.Equal(1, r.Cases);
        Assert.Equal(1.0, r.HitRate);
        Assert.Equal(1.0 / 3, r.Precision, 12);
        Assert.Equal(0.5, r.Recall, 12);
        Assert.Equal(0.25, r.Map, 12);
        Assert.Equal((1 / Math.Log2(3)) / (1 + 1 / Math.Log2(3)), r.Ndcg, 12);
        Assert.Equal(0.3, r.Coverage, 12);
    }

    [Fact]
    public void Add_TwoCases_AreAveraged_AndAMissCountsZero()
    {
        var metrics = new RankingMetrics("x", 2, catalogueSize: 4);
        metrics.Add([1, 2], new HashSet<int> { 1 });   // hit at 1: P = 1/2, R = 1, AP = 1, NDCG = 1
        metrics.Add([3, 4], new HashSet<int> { 2 });   // miss
        var r = metrics.Result();
        Assert.Equal(0.5, r.HitRate);
        Assert.Equal(0.25, r.Precision, 12);
        Assert.Equal(0.5, r.Recall, 12);
        Assert.Equal(0.5, r.Map, 12);
        Assert.Equal(0.5, r.Ndcg, 12);
        Assert.Equal(1.0, r.Coverage, 12);
    }

    [Fact]
    public void Add_CaseWithoutRelevantItems_IsNotCounted()
    {
        var metrics = new RankingMetrics("x", 3, 5);
        metrics.Add([1, 2, 3], new HashSet<int>());
        Assert.Equal(0, metrics.Result().Cases);
    }

    [Fact]
    public void Add_PerfectRanking_HasMapAndNdcgOfOne()
    {
        var metrics = new RankingMetrics("x", 3, 5);
        metrics.Add([7, 8, 9], new HashSet<int> { 7, 8 });
        var r = metrics.Result();
        Assert.Equal(1.0, r.Map, 12);
        Assert.Equal(1.0, r.Ndcg, 12);
        Assert.Equal(2.0 / 3, r.Precision, 12);
    }

    [Fact]
    public void MarginPerCase_SumsTheMarginOfHitsAndAveragesOverCases()
    {
        // Margins: item 1 → 10, item 2 → 25, others 1. Case 1 hits 1 and 2 (35); case 2 misses (0) → 17.5.
        var metrics = new RankingMetrics("x", 2, 4, margin: id => id switch { 1 => 10, 2 => 25, _ => 1 });
        metrics.Add([1, 2], new HashSet<int> { 1, 2, 3 });
        metrics.Add([3, 4], new HashSet<int> { 2 });
        Assert.Equal(17.5, metrics.Result().MarginPerCase);
        Assert.Null(new RankingMetrics("x", 2, 4).Result().MarginPerCase);
    }
}
