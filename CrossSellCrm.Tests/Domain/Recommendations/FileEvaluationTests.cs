using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Domain.Recommendations.Evaluation;
using CrossSellCrm.Domain.Recommendations.Mining;

namespace CrossSellCrm.Tests.Domain.Recommendations;

public class FileEvaluationTests
{
    private static PurchaseFileData Read(string csv, PurchaseFileColumns columns) => PurchaseFile.ReadTransactions(new StringReader(csv), columns);

    private static readonly PurchaseFileColumns Retail = new("Item", "Invoice", "Customer", ["When"], "yyyy-MM-dd", "Qty");

    [Fact]
    public void ReadTransactions_NaAndEmptyCustomers_AreAnonymousAndNeverACase()
    {
        var file = Read("""
            Invoice,Item,Customer,When,Qty
            1,a,NA,2020-01-01,1
            2,a,,2020-01-02,1
            3,a,17,2020-01-03,1
            4,b,17,2020-01-20,1
            5,b,NA,2020-01-21,1
            """, Retail);
        Assert.Equal(1, file.Customers);
        Assert.Equal(3, file.AnonymousLines);
        Assert.Equal(3, file.Anonymous.Count); // one per anonymous basket
        var cases = FileEvaluation.Cases(file, file.Events, new DateTime(2020, 1, 10, 0, 0, 0, DateTimeKind.Utc), EvaluationProtocol.Window, 30);
        var c = Assert.Single(cases);
        Assert.Equal(0, c.Customer); // customer 17
        Assert.Equal([file.ItemNames.ToList().IndexOf("b")], c.Relevant);
    }

    [Fact]
    public void ReadTransactions_NegativeQuantitiesAndCInvoices_AreDroppedAndCounted()
    {
        var file = Read("""
            Invoice,Item,Customer,When,Qty
            1,a,17,2020-01-01,2
            1,b,17,2020-01-01,-1
            C2,a,17,2020-01-02,1
            3,c,18,2020-01-03,1
            """, Retail);
        Assert.Equal(2, file.ReturnsDropped);
        Assert.Equal(["a", "c"], file.Events.Select(e => file.ItemNames[e.Item]));
    }

    [Fact]
    public void ReadTransactions_WithATimeColumn_BasketsCarryTheirTime_NotTheirPlaceInTheFile()
    {
        // The file lists the later basket first: the split must follow the times.
        var file = Read("""
            Invoice,Item,Customer,When,Qty
            9,z,1,2020-03-01,1
            1,a,1,2020-01-01,1
            1,b,1,2020-01-01,1
            """, Retail);
        Assert.True(file.TimeKnown);
        var split = EvaluationProtocols.SplitAtBasketFraction(file.Events, 0.5);
        Assert.Equal(new DateTime(2020, 3, 1, 0, 0, 0, DateTimeKind.Utc), split);
        Assert.Equal(["a", "b"], file.Events.Where(e => e.At < split).Select(e => file.ItemNames[e.Item]));
    }

    [Fact]
    public void ReadTransactions_WithoutATransactionColumn_ABasketIsOneCustomersLinesAtOneTime()
    {
        var file = Read("""
            Customer,Day,Item
            1,2020-01-01,a
            1,2020-01-01,b
            2,2020-01-01,a
            1,2020-01-02,c
            """, new PurchaseFileColumns("Item", null, "Customer", ["Day"]));
        Assert.Equal(3, file.Baskets);
        Assert.Equal(file.Events[0].Basket, file.Events[1].Basket);
        Assert.NotEqual(file.Events[0].Basket, file.Events[3].Basket);
    }

    [Fact]
    public void ReadTransactions_TwoTimeColumns_AreJoinedBeforeParsing()
    {
        var file = Read("Date,Time,Transaction,Item\n2016-10-30,09:58:11,1,Bread\n", new PurchaseFileColumns("Item", "Transaction", null, ["Date", "Time"], "yyyy-MM-dd HH:mm:ss"));
        Assert.Equal(new DateTime(2016, 10, 30, 9, 58, 11, DateTimeKind.Utc), file.Events[0].At);
    }

    [Fact]
    public void ReadTransactions_UnknownColumn_NamesTheColumnsFound()
    {
        var e = Assert.Throws<BasketFileException>(() => Read("Invoice,Item\n1,a\n", new PurchaseFileColumns("Item", "Invoice", "Client")));
        Assert.Equal("--customer-column: no column 'Client'. The header has: Invoice, Item.", e.Message);
    }

    [Fact]
    public void ReadTransactions_TimeNotInTheFormat_NamesTheLine()
    {
        var e = Assert.Throws<BasketFileException>(() => Read("Invoice,Item,When\n1,a,2020-01-01\n2,b,01/02/2020\n",
            new PurchaseFileColumns("Item", "Invoice", null, ["When"], "yyyy-MM-dd")));
        Assert.Equal("line 3: --time-column 'When' holds '01/02/2020', which does not match --time-format 'yyyy-MM-dd'.", e.Message);
    }

    [Fact]
    public void WindowCases_OnlyItemsNewToTheCustomerInsideTheHorizon()
    {
        var file = Read("""
            Invoice,Item,Customer,When,Qty
            1,a,1,2020-01-01,1
            2,a,1,2020-01-11,1
            2,b,1,2020-01-11,1
            3,c,1,2020-03-01,1
            4,d,2,2020-01-12,1
            """, Retail);
        var cases = FileEvaluation.Cases(file, file.Events, new DateTime(2020, 1, 10, 0, 0, 0, DateTimeKind.Utc), EvaluationProtocol.Window, 30);
        var c = Assert.Single(cases); // customer 2 has no history before the split
        Assert.Equal(["b"], c.Relevant.Select(i => file.ItemNames[i])); // a is owned, c is after the horizon
    }

    [Fact]
    public void ItemKnn_RanksByTheSumOfCosines_NeverOwned_TiesByPopularity()
    {
        // Rows: {0,1} ×2, {0,2}, {1,3}, {4} ×3. n0 = 3, n1 = 3, n2 = 1, n3 = 1, n4 = 3.
        int[][] rows = [[0, 1], [0, 1], [0, 2], [1, 3], [4], [4], [4]];
        var events = rows.SelectMany((r, b) => r.Select(i => new PurchaseEvent(b, b, DateTime.UnixEpoch, i))).ToList();
        var popularity = new PopularityRecommender(events, DateTime.UnixEpoch.AddDays(1));
        var knn = new ItemKnnRecommender(rows, popularity);
        Assert.Equal(2 / 3.0, knn.Similarity(0, 1), 12);     // 2 / √(3·3)
        Assert.Equal(1 / Math.Sqrt(3), knn.Similarity(0, 2), 12);
        var owns0 = new EvaluationCase(9, [new Purchase(0, DateTime.UnixEpoch)], new HashSet<int>(), DateTime.UnixEpoch);
        // 1: 0.667, 2: 0.577, then no neighbour: by popularity, 4 (3 rows) before 3 (1 row).
        Assert.Equal([1, 2, 4, 3], knn.Recommend(owns0, 4));
        // Owning 2 and 3: 0 (0.577) and 1 (0.577) tie; 0 and 1 are equally popular, so the lower id first.
        var owns23 = new EvaluationCase(9, [new Purchase(2, DateTime.UnixEpoch), new Purchase(3, DateTime.UnixEpoch)], new HashSet<int>(), DateTime.UnixEpoch);
        Assert.Equal([0, 1], knn.Recommend(owns23, 2));
    }

    [Fact]
    public void Run_BasketFile_ReportsEveryRecommenderWithIntervalsAndCases()
    {
        var random = new Random(3);
        var lines = Enumerable.Range(0, 600).Select(_ => random.Next(4) switch
        {
            0 => "bread,butter",
            1 => "coffee,cake",
            2 => "bread,butter,jam",
            _ => "coffee,milk",
        });
        var file = PurchaseFile.ReadBaskets(new StringReader(string.Join('\n', lines)));
        var result = FileEvaluation.Run(file, EvaluationProtocol.BasketCompletion, new EvaluationOptions { K = 1, Protocol = EvaluationProtocol.BasketCompletion });
        Assert.Equal(["popularity", "rules", "item-knn", "engine"], result.Report.Results.Select(r => r.Recommender));
        Assert.All(result.Report.Results, r =>
        {
            Assert.Equal(result.Report.Cases, r.Cases);
            Assert.InRange(r.HitRate, r.HitRateLow, r.HitRateHigh);
        });
        // The last item follows from the others (butter after bread, jam after butter…): co-occurrence beats popularity.
        Assert.True(result.Report.Results.Single(r => r.Recommender == "item-knn").HitRate > result.Report.Results[0].HitRate);
    }

    [Fact]
    public void ReadBaskets_ForEvaluation_KeepsEachLinesOrder_SoTheHiddenItemIsTheLinesLast()
    {
        // "jam" is named first, so it has the lowest id; sorted ids would hide "bread" (the highest) instead.
        var file = PurchaseFile.ReadBaskets(new StringReader("jam,butter\nbutter,bread,jam,bread\nbread"));
        var cases = OfflineEvaluation.BasketCompletionCases(file.Events, DateTime.MinValue);
        var name = (int id) => file.ItemNames[id];
        Assert.Equal(["butter", "jam"], cases.Select(c => name(c.Relevant.Single())));
        Assert.Equal(["butter", "bread"], cases[1].History.Select(h => name(h.ProductId)));
    }
}
