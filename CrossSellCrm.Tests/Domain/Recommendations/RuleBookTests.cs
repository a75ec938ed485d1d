using CrossSellCrm.Domain.Recommendations.Mining;

namespace CrossSellCrm.Tests.Domain.Recommendations;

public class RuleBookTests
{
    private static ProductRule Rule(int[] antecedent, int consequent) => new(antecedent, consequent, 10, 0.1, 0.5, 2, 0.05, 1.5);

    [Fact]
    public void RulesFor_OnlyRulesWhoseWholeLeftSideIsOwned()
    {
        var book = new RuleBook([Rule([1], 5), Rule([1, 2], 6), Rule([3], 7)], 100, new MiningOptions(), DateTime.UtcNow, TimeSpan.Zero);
        Assert.Equal([5], book.RulesFor(new HashSet<int> { 1 }).Select(r => r.Consequent));
        Assert.Equal([5, 6], book.RulesFor(new HashSet<int> { 1, 2 }).Select(r => r.Consequent).Order());
        Assert.Empty(book.RulesFor(new HashSet<int> { 2 }));
    }

    [Fact]
    public void From_MapsItemsToProductsAndDropsRulesWithAnEmptyLeftSide()
    {
        var set = BasketSet.FromIds([[0, 1], [0, 1], [0]], ["40", "41"]);
        var options = new MiningOptions { MinSupport = 0.5, MinConfidence = 0.5 };
        var book = RuleBook.From(AssociationMiner.Mine(set, options), [40, 41], options, DateTime.UtcNow, TimeSpan.Zero);
        Assert.All(book.Rules, r => Assert.NotEmpty(r.Antecedent));
        Assert.Contains(book.Rules, r => r.Antecedent.SequenceEqual([41]) && r.Consequent == 40 && r.Confidence == 1.0);
        Assert.Equal(3, book.Baskets);
    }

    [Fact]
    public void Store_Swap_ReplacesTheBookWholeAndTellsListeners()
    {
        var store = new RuleBookStore();
        Assert.Same(RuleBook.Empty, store.Current);
        RuleBook? told = null;
        store.Swapped += b => told = b;
        var book = new RuleBook([Rule([1], 2)], 5, new MiningOptions(), DateTime.UtcNow, TimeSpan.Zero);
        store.Swap(book);
        Assert.Same(book, store.Current);
        Assert.Same(book, told);
    }
}
