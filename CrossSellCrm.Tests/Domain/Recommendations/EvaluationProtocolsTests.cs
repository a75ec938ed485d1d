using CrossSellCrm.Domain.Recommendations.Evaluation;

namespace CrossSellCrm.Tests.Domain.Recommendations;

/// <summary>The evaluation protocols on a few events, so every case can be checked by hand, and the bootstrap intervals.</summary>
public class EvaluationProtocolsTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Split = T0.AddDays(10);
    private static PurchaseEvent E(int customer, int basket, int day, int item) => new(customer, basket, T0.AddDays(day), item);

    private static readonly PurchaseEvent[] Events =
    [
        E(1, 1, 1, 10),                   // customer 1: a phone before the split,
        E(1, 2, 12, 20), E(1, 2, 12, 21), // the first order after it (two lines),
        E(1, 3, 20, 22),                  // a case 8 days later: a target,
        E(1, 4, 60, 23),                  // and something 48 days later: beyond 30 days,
        E(1, 5, 25, 10),                  // a repeat of what they own: never a target.
        E(2, 6, 15, 10), E(2, 7, 16, 11), // customer 2: nothing before the split, two orders after.
        E(3, 8, 2, 10),                   // customer 3: nothing after the split.
    ];

    [Fact]
    public void PostPurchase_HistoryIncludesTheFirstOrderAfterTheSplit_TargetsAreNewWithinTheHorizon()
    {
        var cases = EvaluationProtocols.Cases(Events, Split, EvaluationProtocol.PostPurchase, 30);
        Assert.Equal([1, 2], cases.Select(c => c.Customer));
        var one = cases[0];
        Assert.Equal(T0.AddDays(12), one.At);
        Assert.Equal([10, 20, 21], one.History.Select(h => h.ProductId).Order());
        Assert.Equal([22], one.Relevant);
        // No leakage: nothing in a history is later than the moment the case is asked.
        Assert.All(cases, c => Assert.All(c.History, h => Assert.True(h.At <= c.At)));
        Assert.Equal([11], cases[1].Relevant); // a new customer's first order is their history
    }

    [Fact]
    public void Horizon_HistoryBeforeTheSplit_TargetsEverythingNewAfterIt()
    {
        var one = Assert.Single(EvaluationProtocols.Cases(Events, Split, EvaluationProtocol.Horizon, 30));
        Assert.Equal(1, one.Customer);
        Assert.Equal(Split, one.At);
        Assert.Equal([10], one.History.Select(h => h.ProductId));
        Assert.Equal([20, 21, 22, 23], one.Relevant.Order());
    }

    [Fact]
    public void Window_OnlyTheHorizonAfterTheSplitCounts()
    {
        var one = Assert.Single(EvaluationProtocols.Cases(Events, Split, EvaluationProtocol.Window, 30));
        Assert.Equal([20, 21, 22], one.Relevant.Order());
    }

    [Fact]
    public void Bootstrap_IntervalHoldsTheMean_IsRepeatable_AndPairedDifferenceOfTheSameIsZero()
    {
        var hits = Enumerable.Range(0, 400).Select(i => i % 4 == 0 ? 1.0 : 0).ToList(); // mean 0.25
        var (low, high) = Bootstrap.MeanInterval(hits);
        Assert.InRange(0.25, low, high);
        Assert.InRange(high - low, 0.06, 0.11); // ± 1.96 × √(0.25 × 0.75 / 400) ≈ ± 0.042
        Assert.Equal((low, high), Bootstrap.MeanInterval(hits));
        Assert.Equal((0.0, 0.0), Bootstrap.DifferenceInterval(hits, hits));
        var better = hits.Select((h, i) => i % 4 == 1 ? 1.0 : h).ToList(); // 0.5
        var (dLow, dHigh) = Bootstrap.DifferenceInterval(better, hits);
        Assert.True(dLow > 0.15 && dHigh < 0.35, $"{dLow}..{dHigh}");
    }
}
