using CrossSellCrm.Domain.Recommendations.Evaluation;

namespace CrossSellCrm.Tests.Domain.Recommendations;

public class OfflineEvaluationTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static PurchaseEvent E(int customer, int basket, int day, int item) => new(customer, basket, T0.AddDays(day), item);

    [Fact]
    public void CustomerCases_OnlyCustomersWithHistoryAndSomethingNewAfterTheSplit()
    {
        PurchaseEvent[] events =
        [
            E(1, 1, 1, 10), E(1, 2, 20, 11),          // bought 10 before, 11 after → case, relevant {11}
            E(2, 3, 20, 10),                          // nothing before → no case
            E(3, 4, 1, 10), E(3, 5, 20, 10),          // only a repeat after → no case
        ];
        var cases = OfflineEvaluation.CustomerCases(events, T0.AddDays(10));
        var c = Assert.Single(cases);
        Assert.Equal(1, c.Customer);
        Assert.Equal([10], c.History.Select(h => h.ProductId));
        Assert.Equal([11], c.Relevant);
    }

    [Fact]
    public void BasketCompletionCases_HideTheLastItemOfEachLaterBasketOfTwoOrMore()
    {
        PurchaseEvent[] events = [E(1, 1, 1, 5), E(1, 1, 1, 6), E(2, 2, 20, 7), E(2, 2, 20, 8), E(2, 2, 20, 9), E(3, 3, 20, 7)];
        var c = Assert.Single(OfflineEvaluation.BasketCompletionCases(events, T0.AddDays(10)));
        Assert.Equal([7, 8], c.History.Select(h => h.ProductId));
        Assert.Equal([9], c.Relevant);
    }

    [Fact]
    public void SplitAtFraction_PutsThatShareOfEventsBeforeTheSplit()
    {
        var events = Enumerable.Range(0, 10).Select(d => E(d, d, d, 1)).ToList();
        var split = OfflineEvaluation.SplitAtFraction(events, 0.8);
        Assert.Equal(8, events.Count(e => e.At < split));
    }

    [Fact]
    public void Popularity_RanksByDistinctBuyersBeforeTheSplit_AndSkipsOwnedItems()
    {
        PurchaseEvent[] events = [E(1, 1, 1, 100), E(1, 2, 2, 100), E(2, 3, 1, 200), E(3, 4, 1, 200), E(4, 5, 1, 300), E(5, 6, 30, 300), E(6, 7, 30, 300)];
        var popularity = new PopularityRecommender(events, T0.AddDays(10));
        var c = new EvaluationCase(9, [new(200, T0)], new HashSet<int> { 100 }, T0.AddDays(10));
        Assert.Equal([100, 300], popularity.Recommend(c, 5)); // 200 owned; 100 and 300 have one buyer each before the split
    }
}
