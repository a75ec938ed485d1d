using CrossSellCrm.Domain.Recommendations.Mining;

namespace CrossSellCrm.Tests.Domain.Recommendations;

public class AssociationMinerTests
{
    private static BasketSet Baskets(params string[] lines) => BasketFile.ReadBaskets(new StringReader(string.Join('\n', lines)));

    private static void AssertSameAsReference(BasketSet set, MiningOptions options, Dictionary<string, int> referenceItemsets)
    {
        var result = AssociationMiner.Mine(set, options);
        var mined = result.FrequentItemsets.ToDictionary(f => ReferenceMiners.Key(f.Items), f => f.Count);
        Assert.Equal(referenceItemsets.OrderBy(k => k.Key, StringComparer.Ordinal), mined.OrderBy(k => k.Key, StringComparer.Ordinal));

        var expected = ReferenceMiners.Rules(set, referenceItemsets, options);
        var actual = result.Rules.ToDictionary(r => $"{ReferenceMiners.Key(r.Antecedent)} => {r.Consequent}", r => (r.Count, r.Confidence));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, (count, confidence)) in expected)
        {
            Assert.Equal(count, actual[key].Count);
            Assert.Equal(confidence, actual[key].Confidence, 12);
        }
    }

    [Fact]
    public void Mine_ManyRandomSmallDataSets_EqualsBruteForce()
    {
        var random = new Random(4711);
        for (var run = 0; run < 300; run++)
        {
            var itemCount = random.Next(2, 13);
            var popularity = Enumerable.Range(0, itemCount).Select(_ => random.NextDouble() * 0.6).ToArray();
            var baskets = Enumerable.Range(0, random.Next(1, 120))
                .Select(_ => Enumerable.Range(0, itemCount).Where(i => random.NextDouble() < popularity[i]).Take(9).Select(i => $"i{i}").ToArray())
                .Select(b => b.Length == 0 ? new[] { "i0" } : b)
                .ToList();
            var set = BasketSet.FromItems(baskets);
            var minLength = random.Next(1, 4);
            var options = new MiningOptions
            {
                MinSupport = new[] { 0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0 }[random.Next(7)],
                MinConfidence = new[] { 0.01, 0.2, 0.5, 0.8, 1.0 }[random.Next(5)],
                MinLength = minLength,
                MaxLength = random.Next(minLength, 7),
            };
            AssertSameAsReference(set, options, ReferenceMiners.BruteForceItemsets(set, options.MinSupport, options.MaxLength));
        }
    }

    [Fact]
    public void Mine_HandComputedExample_GivesTheArulesMeasures()
    {
        // 5 baskets: phone+case in 3, phone alone in 1, case+charger in 1.
        var set = Baskets("phone,case", "phone,case", "phone,case,charger", "phone", "case,charger");
        var result = AssociationMiner.Mine(set, new MiningOptions { MinSupport = 0.2, MinConfidence = 0.5, MinLength = 2 });
        var rule = result.Rules.Single(r => result.Describe(r.Antecedent) == "phone" && set.ItemNames[r.Consequent] == "case");
        Assert.Equal(3, rule.Count);
        Assert.Equal(0.6, rule.Support, 12);                 // 3 / 5
        Assert.Equal(0.75, rule.Confidence, 12);             // 3 / 4
        Assert.Equal(0.75 / 0.8, rule.Lift, 12);             // case is in 4 of 5
        Assert.Equal(0.6 - 0.8 * 0.8, rule.Leverage, 12);
        Assert.Equal((1 - 0.8) / (1 - 0.75), rule.Conviction, 12);
        var certain = result.Rules.Single(r => result.Describe(r.Antecedent) == "charger" && set.ItemNames[r.Consequent] == "case");
        Assert.Equal(1.0, certain.Confidence);
        Assert.True(double.IsPositiveInfinity(certain.Conviction));
    }

    [Fact]
    public void Mine_MinLengthOne_AllowsAnEmptyLeftSideWhenConfidentEnough()
    {
        var set = Baskets("milk,bread", "milk", "milk,eggs", "bread");
        var result = AssociationMiner.Mine(set, new MiningOptions { MinSupport = 0.25, MinConfidence = 0.7, MinLength = 1 });
        var empty = Assert.Single(result.Rules, r => r.Antecedent.Length == 0);
        Assert.Equal("milk", set.ItemNames[empty.Consequent]);   // support 0.75 ≥ 0.7; bread's 0.5 is not
        Assert.Equal(0.75, empty.Confidence, 12);
    }

    [Fact]
    public void Mine_ItemTwiceInABasket_CountsOnce()
    {
        var set = Baskets("case,case,phone", "phone");
        var result = AssociationMiner.Mine(set, new MiningOptions { MinSupport = 0.5, MinConfidence = 0.1 });
        Assert.Equal(1, result.FrequentItemsets.Single(f => f.Items.Length == 1 && set.ItemNames[f.Items[0]] == "case").Count);
    }

    [Fact]
    public void Mine_SupportExactlyAtTheMinimum_IsKept()
    {
        // 0.07 × 100 is 7.000000000000001 in doubles; 7 of 100 baskets is still "support ≥ 0.07".
        Assert.Equal(7, AssociationMiner.MinimumCount(100, 0.07));
        Assert.Equal(76, AssociationMiner.MinimumCount(7501, 0.01));
        Assert.Equal(1, AssociationMiner.MinimumCount(3, 0.0001));
        Assert.Equal(3, AssociationMiner.MinimumCount(3, 1.0));
    }

    [Fact]
    public void Mine_MaxLength_LimitsItemsetsAndRules()
    {
        var set = Baskets("a,b,c,d", "a,b,c,d", "a,b,c");
        var result = AssociationMiner.Mine(set, new MiningOptions { MinSupport = 0.5, MinConfidence = 0.1, MaxLength = 2 });
        Assert.All(result.FrequentItemsets, f => Assert.True(f.Items.Length <= 2));
        Assert.All(result.Rules, r => Assert.True(r.Length <= 2));
        Assert.Contains(result.FrequentItemsets, f => f.Items.Length == 2);
    }

    [Fact]
    public void Mine_RulesAreSortedByLiftDescending()
    {
        var result = AssociationMiner.Mine(RealData.MarketBaskets.Value, new MiningOptions { MinSupport = 0.005, MinConfidence = 0.2, MinLength = 2 });
        Assert.True(result.Rules.Count > 50);
        Assert.Equal(result.Rules.Select(r => r.Lift).OrderByDescending(l => l), result.Rules.Select(r => r.Lift));
    }

    [Theory]
    [InlineData(0.01, 0.2, 1, 10)]
    [InlineData(0.004, 0.25, 2, 10)]
    [InlineData(0.003, 0.1, 2, 3)]
    public void Mine_MarketBasketFile_EqualsReferenceApriori(double support, double confidence, int minLength, int maxLength)
    {
        var set = RealData.MarketBaskets.Value;
        var options = new MiningOptions { MinSupport = support, MinConfidence = confidence, MinLength = minLength, MaxLength = maxLength };
        AssertSameAsReference(set, options, ReferenceMiners.AprioriItemsets(set, support, maxLength));
    }

    [Fact]
    public void Mine_BakeryTransactions_EqualsReferenceApriori()
    {
        var set = RealData.Bakery.Value;
        Assert.Equal(9465, set.Count); // 9,531 transactions less the 66 that only held NONE
        var options = new MiningOptions { MinSupport = 0.002, MinConfidence = 0.3, MinLength = 2 };
        AssertSameAsReference(set, options, ReferenceMiners.AprioriItemsets(set, options.MinSupport, options.MaxLength));
    }

    [Fact]
    public void Mine_Bakery_CoffeeIsTheStrongestConsequent()
    {
        // Hand-checkable facts about the bakery data: coffee is in almost half of all transactions, bread in a third.
        var set = RealData.Bakery.Value;
        var coffee = set.ItemNames.ToList().IndexOf("Coffee");
        var withCoffee = set.Baskets.Count(b => b.Contains(coffee));
        var result = AssociationMiner.Mine(set, new MiningOptions { MinSupport = 0.4, MinConfidence = 0.4 });
        var rule = Assert.Single(result.Rules);
        Assert.Empty(rule.Antecedent);
        Assert.Equal(coffee, rule.Consequent);
        Assert.Equal((double)withCoffee / set.Count, rule.Confidence, 12);
    }

    [Fact]
    public void Mine_RetailSample_EqualsLevelWiseReference()
    {
        // The first 5,000 baskets of the FIMI retail file at support 0.002 (10 baskets): 1,097 frequent items and 3,824
        // itemsets up to 6 items, against an Apriori that counts subsets of each basket (nothing shared with FP-growth).
        var set = BasketSet.FromIds(RealData.Retail.Value.Baskets.Take(5_000), RealData.Retail.Value.ItemNames);
        var options = new MiningOptions { MinSupport = 0.002, MinConfidence = 0.5, MinLength = 2 };
        var reference = ReferenceMiners.AprioriBySubsets(set, options.MinSupport, options.MaxLength);
        Assert.Equal(3824, reference.Count);
        AssertSameAsReference(set, options, reference);
    }

    [Fact]
    public void FrequentItemsets_RetailDat_AreThePublished19242ByLength()
    {
        // FIMI's retail benchmark at support 0.0005 (45 of 88,162 baskets). The counts by length come from a separate
        // level-wise count over the whole file (a Python Apriori that enumerates each basket's subsets, 2.5 minutes).
        var itemsets = AssociationMiner.FrequentItemsets(RealData.Retail.Value, 0.0005, 10);
        Assert.Equal(19_242, itemsets.Count);
        var byLength = itemsets.GroupBy(f => f.Items.Length).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())).ToArray();
        Assert.Equal([(1, 3926), (2, 8198), (3, 5411), (4, 1534), (5, 170), (6, 3)], byLength);
        Assert.All(itemsets, f => Assert.True(f.Count >= 45));
    }

    /// <summary>One basket of <paramref name="items"/> items: at any support, every combination of them is frequent.</summary>
    private static BasketSet OneBigBasket(int items) => BasketSet.FromItems([Enumerable.Range(0, items).Select(i => $"item{i}")]);

    [Fact]
    public void Mine_MoreFrequentItemsetsThanAllowed_StopsWithMiningLimit()
    {
        var e = Assert.Throws<MiningLimitException>(() =>
            AssociationMiner.Mine(OneBigBasket(200), new MiningOptions { MinSupport = 0.5, MinConfidence = 0.5, MaxItemsets = 1_000 }));
        Assert.Equal((MiningLimitException.Itemsets, 1_000), (e.What, e.Limit));
        Assert.Equal("more than 1,000 frequent itemsets: raise the minimum support or confidence, or lower the maximum length.", e.Message);
    }

    [Fact]
    public void Mine_MoreRulesThanAllowed_StopsWithMiningLimit()
    {
        // 12 items: 4,095 itemsets up to length 12, and 24,576 rules from them.
        var e = Assert.Throws<MiningLimitException>(() =>
            AssociationMiner.Mine(OneBigBasket(12), new MiningOptions { MinSupport = 0.5, MinConfidence = 0.5, MaxLength = 12, MaxRules = 10_000 }));
        Assert.Equal((MiningLimitException.Rules, 10_000), (e.What, e.Limit));
    }

    [Fact]
    public void Mine_ExactlyAsManyItemsetsAsAllowed_IsFine()
    {
        // 20 items, pairs at most: 20 + 190 itemsets.
        var result = AssociationMiner.Mine(OneBigBasket(20), new MiningOptions { MinSupport = 0.5, MinConfidence = 0.5, MaxLength = 2, MaxItemsets = 210 });
        Assert.Equal(210, result.FrequentItemsets.Count);
    }

    [Fact]
    public void Mine_Cancelled_StopsWithinASecond()
    {
        // Without a stop this would find the itemsets of 3,000 items up to length 10 for ever.
        var set = OneBigBasket(3_000);
        // The stop comes from a thread of its own (a timer's callback can wait for a pool thread behind other tests) and the
        // second is counted from the stop: what is measured is how soon the miner hears it.
        using var stop = new CancellationTokenSource();
        var stoppedAt = System.Diagnostics.Stopwatch.StartNew();
        var stopper = new Thread(() => { Thread.Sleep(200); stoppedAt.Restart(); stop.Cancel(); }) { IsBackground = true };
        stopper.Start();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            AssociationMiner.Mine(set, new MiningOptions { MinSupport = 0.5, MinConfidence = 0.5, MaxItemsets = 100_000_000 }, stop.Token));
        var heard = stoppedAt.Elapsed;
        stopper.Join();
        Assert.True(heard < TimeSpan.FromSeconds(1), $"stopped {heard.TotalMilliseconds:F0} ms after the cancel");
    }

    [Fact]
    public void Mine_CancelledAtAnyStageOfABigRun_StopsAsACancellationAndNothingElse()
    {
        // Counting, sorting the FP-tree paths (Array.Sort wraps what a comparison throws) and growing: a stop in any of
        // them must come out as a cancellation. The stops are spread over the time an uncancelled run takes here.
        var random = new Random(11);
        var set = BasketSet.FromIds(Enumerable.Range(0, 200_000).Select(_ => Enumerable.Range(0, random.Next(1, 8)).Select(_ => random.Next(2_000)).ToArray()),
            Enumerable.Range(0, 2_000).Select(i => $"p{i}").ToArray());
        var options = new MiningOptions { MinSupport = 0.00005, MinConfidence = 0.1 };
        // The faster of two runs: the first also compiles the miner, and on a busy machine it took so long that every
        // stop fell after the (warm) runs below had finished, and none was a cancellation.
        var whole = TimeSpan.MaxValue;
        for (var run = 0; run < 2; run++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            AssociationMiner.Mine(set, options);
            if (clock.Elapsed < whole) whole = clock.Elapsed;
        }

        var outcomes = new List<Exception?>();
        // The first stops come very early, so that one falls inside a run even when the runs got faster than the calibration
        // (a CI run once had all six finish before their stop: the calibrating runs had shared the cores with other tests).
        // Each stop comes from a thread of its own: a timer's callback waits for a pool thread, and with the other tests
        // running beside this one it came only after every run had finished.
        foreach (var share in new[] { 0.005, 0.02, 0.05, 0.2, 0.35, 0.5, 0.65, 0.8 })
        {
            using var stop = new CancellationTokenSource();
            var stopper = new Thread(() => { Thread.Sleep(whole * share); stop.Cancel(); }) { IsBackground = true };
            stopper.Start();
            outcomes.Add(Record.Exception(() => AssociationMiner.Mine(set, options, stop.Token)));
            stopper.Join();
        }
        Assert.All(outcomes, e => Assert.True(e is null or OperationCanceledException, e?.ToString()));
        Assert.Contains(outcomes, e => e is OperationCanceledException);
    }
}

/// <summary>The shared real data sets, read once.</summary>
public static class RealData
{
    /// <summary>A shared data set: from CRM_DATASETS, else ../shared/datasets beside the repository.</summary>
    public static string DatasetPath(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrossSellCrm.sln"))) dir = dir.Parent;
        var folder = Environment.GetEnvironmentVariable("CRM_DATASETS") ?? Path.Combine(dir!.Parent!.FullName, "shared", "datasets");
        var path = Path.Combine(folder, file);
        Assert.True(File.Exists(path), $"The shared data set is missing: {path}");
        return path;
    }

    public static readonly Lazy<BasketSet> MarketBaskets = new(() =>
    {
        using var reader = File.OpenText(DatasetPath("Market_Basket_Optimisation.csv"));
        return BasketFile.ReadBaskets(reader);
    });

    /// <summary>FIMI's retail.dat: 88,162 baskets of item numbers separated by spaces.</summary>
    public static readonly Lazy<BasketSet> Retail = new(() =>
    {
        using var reader = File.OpenText(DatasetPath("retail.dat"));
        return BasketFile.ReadBaskets(reader);
    });

    public static readonly Lazy<BasketSet> Bakery = new(() =>
    {
        using var reader = File.OpenText(DatasetPath("BreadBasket_DMS.csv"));
        return BasketFile.ReadTransactions(reader, "Transaction", "Item", ["NONE"]);
    });
}
