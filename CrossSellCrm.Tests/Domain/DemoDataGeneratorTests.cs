using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.DemoData;
using CrossSellCrm.Domain.Recommendations;

namespace CrossSellCrm.Tests.Domain;

public class DemoDataGeneratorTests
{
    private static readonly DateTime AsOf = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Lazy<DemoDataSet> Standard = new(() => Generate(4_000, 40_000));

    private static DemoDataSet Generate(int customers, int lines, int seed = 7) =>
        new DemoDataGenerator(new DemoDataOptions { Customers = customers, OrderLines = lines, Seed = seed, AsOf = AsOf }).Generate();

    [Fact]
    public void Generate_SameSeed_SameData()
    {
        var a = Generate(300, 3_000);
        var b = Generate(300, 3_000);
        Assert.Equal(a.Customers.Select(c => (c.FirstName, c.LastName, c.Email, c.City, c.BirthDate)), b.Customers.Select(c => (c.FirstName, c.LastName, c.Email, c.City, c.BirthDate)));
        Assert.Equal(a.OrderLines.Select(l => (l.OrderId, l.ProductId, l.Quantity, l.Discount)), b.OrderLines.Select(l => (l.OrderId, l.ProductId, l.Quantity, l.Discount)));
        Assert.Equal(a.Offers.Select(o => (o.CustomerId, o.ProductId, o.Outcome)), b.Offers.Select(o => (o.CustomerId, o.ProductId, o.Outcome)));
    }

    [Fact]
    public void Generate_OtherSeed_OtherData()
    {
        var a = Generate(300, 3_000, seed: 1);
        var b = Generate(300, 3_000, seed: 2);
        Assert.NotEqual(a.Customers.Select(c => c.LastName), b.Customers.Select(c => c.LastName));
    }

    [Fact]
    public void Generate_Sizes_ExactCustomersAndOrderLinesNearTheTarget()
    {
        var set = Standard.Value;
        Assert.Equal(4_000, set.Customers.Count);
        // Below the target rather than above: the busiest customers run out of things to buy (one phone, one gym).
        Assert.InRange(set.OrderLines.Count, 32_000, 44_000);
        Assert.Equal(set.Customers.Count, set.Customers.Select(c => c.CustomerNumber).Distinct().Count());
        Assert.All(set.Orders, o => Assert.True(o.OrderedAt <= AsOf && o.OrderedAt >= AsOf.AddDays(-731)));
        var revenueByOrder = set.OrderLines.GroupBy(l => l.OrderId).ToDictionary(g => g.Key, g => (Revenue: g.Sum(l => l.Revenue), Count: g.Count()));
        Assert.All(set.Orders, o => Assert.Equal((revenueByOrder[o.Id].Revenue, revenueByOrder[o.Id].Count), (o.NetRevenue, o.LineCount)));
    }

    [Fact]
    public void Generate_SmartphoneBuyers_MostlyBuyACaseThatFits()
    {
        var set = Standard.Value;
        var byId = set.Products.ToDictionary(p => p.Id);
        var customerOf = set.Orders.ToDictionary(o => o.Id, o => o.CustomerId);
        var bought = set.OrderLines.Where(l => l.Quantity > 0).GroupBy(l => customerOf[l.OrderId])
            .ToDictionary(g => g.Key, g => g.Select(l => byId[l.ProductId]).ToList());
        var phoneBuyers = bought.Where(b => b.Value.Any(p => p.Category!.Code == "smartphones")).ToList();
        var withCase = phoneBuyers.Count(b => b.Value.Any(p => p.Category!.Code == "phone-cases"));
        var share = (double)withCase / phoneBuyers.Count;
        var others = bought.Where(b => b.Value.All(p => p.Category!.Code != "smartphones")).ToList();
        var othersWithCase = others.Count(b => b.Value.Any(p => p.Category!.Code == "phone-cases"));

        Assert.InRange(share, 0.6, 0.95);          // planted at 78 %
        Assert.True(others.Count > 100);
        Assert.Equal(0, othersWithCase);           // a case is only ever a complement
        // Every case bought fits a phone the same customer bought.
        foreach (var (_, products) in phoneBuyers)
            foreach (var c in products.Where(p => p.Category!.Code == "phone-cases"))
                Assert.Contains(products.Where(p => p.Category!.Code == "smartphones"), phone => DemoCatalog.AreCompatible(phone.CompatibilityTags, c.CompatibilityTags));
    }

    [Fact]
    public void Generate_NobodyBuysASecondPhoneOrCameraWithinItsLifetime_SeveralCardsAreNormal()
    {
        // The demo must not teach the engine substitutes: a second pair of headphones a month after the first is no
        // purchase people make, and a model learnt from such data would offer it.
        var set = Standard.Value;
        var byId = set.Products.ToDictionary(p => p.Id);
        var customerOf = set.Orders.ToDictionary(o => o.Id, o => (o.CustomerId, o.OrderedAt));
        var only = DemoCatalog.Categories.Where(c => !c.SeveralAreNormal && c.IsAnchor).Select(c => c.Code).ToHashSet();
        // Plans are left out: moving up a tier (an upgrade) is a second plan of a kind, and the one it should be.
        var tooSoon = set.OrderLines.Where(l => l.Quantity > 0 && only.Contains(byId[l.ProductId].Category!.Code) && byId[l.ProductId].Kind != ProductKind.SubscriptionPlan)
            .Select(l => (customerOf[l.OrderId].CustomerId, byId[l.ProductId].CategoryId, l.ProductId, customerOf[l.OrderId].OrderedAt))
            .GroupBy(x => (x.CustomerId, x.CategoryId))
            .Count(g => g.Select(x => x.ProductId).Distinct().Count() > 1
                && g.OrderBy(x => x.OrderedAt).Zip(g.OrderBy(x => x.OrderedAt).Skip(1)).Any(p => p.First.ProductId != p.Second.ProductId && (p.Second.OrderedAt - p.First.OrderedAt).TotalDays < 540));
        Assert.Equal(0, tooSoon);
        var cards = set.OrderLines.Where(l => l.Quantity > 0 && byId[l.ProductId].Category!.Code == "memory-cards")
            .GroupBy(l => customerOf[l.OrderId].CustomerId).Count(g => g.Select(l => l.ProductId).Distinct().Count() > 1);
        Assert.True(cards > 10, $"{cards} customers with two kinds of memory card");
    }

    [Fact]
    public void Generate_SustainabilityValue_ShiftsChoicesToEcoProducts()
    {
        var set = Standard.Value;
        var ecoTag = set.Tags.Single(t => t.Code == "sustainability").Id;
        var ecoCustomers = set.CustomerTags.Where(t => t.TagId == ecoTag).Select(t => t.CustomerId).ToHashSet();
        var byId = set.Products.ToDictionary(p => p.Id);
        var customerOf = set.Orders.ToDictionary(o => o.Id, o => o.CustomerId);
        double EcoShare(bool eco)
        {
            var lines = set.OrderLines.Where(l => l.Quantity > 0 && ecoCustomers.Contains(customerOf[l.OrderId]) == eco && byId[l.ProductId].Kind == ProductKind.Physical).ToList();
            return (double)lines.Count(l => byId[l.ProductId].CompatibilityTags.Contains("eco")) / lines.Count;
        }
        Assert.True(EcoShare(true) > 2 * EcoShare(false), $"{EcoShare(true):P1} vs {EcoShare(false):P1}");
    }

    [Fact]
    public void Generate_OfferHistory_RelevantOffersConvertBetterThanIrrelevantOnes()
    {
        var set = Standard.Value;
        double Rate(IEnumerable<OfferPresentation> offers)
        {
            var list = offers.ToList();
            return (double)list.Count(o => o.Outcome == OfferOutcome.Accepted) / list.Count;
        }
        var relevant = Rate(set.Offers.Where(o => o.AnchorProductId != null));
        var irrelevant = Rate(set.Offers.Where(o => o.AnchorProductId == null));
        Assert.InRange(relevant, 0.25, 0.6);
        Assert.True(irrelevant < relevant / 3, $"{irrelevant:P1} vs {relevant:P1}");
        Assert.All(set.Offers, o => Assert.True(o.PresentedAt <= AsOf));
    }

    [Fact]
    public void Generate_Dimensions_AreCorrelated()
    {
        var set = Standard.Value;
        var student = set.Tags.Single(t => t.Code == "student").Id;
        var students = set.Customers.Where(c => c.LifestyleTagId == student).ToList();
        var others = set.Customers.Where(c => c.LifestyleTagId != student && c.BirthDate != null).ToList();
        Assert.All(students.Where(c => c.BirthDate != null), c => Assert.InRange(c.AgeOn(DateOnly.FromDateTime(AsOf))!.Value, 18, 27));
        Assert.True(students.Average(c => (int)c.IncomeBand) < others.Average(c => (int)c.IncomeBand));
        // Cities sit in their region.
        Assert.All(set.Customers.Where(c => c.City == "München"), c => Assert.Equal("Bayern", c.Region));
    }

    [Fact]
    public void Generate_Segments_MembershipMatchesTheirRule()
    {
        var set = Standard.Value;
        var students = set.Segments.Single(s => s.Name == "Students");
        var studentTag = set.Tags.Single(t => t.Code == "student").Id;
        var expected = set.Customers.Where(c => c.LifestyleTagId == studentTag).Select(c => c.Id).Order();
        Assert.Equal(expected, set.Memberships.Where(m => m.SegmentId == students.Id).Select(m => m.CustomerId).Order());
        Assert.Equal(students.MemberCount, expected.Count());
    }

    [Theory]
    [InlineData("Jürgen", "juergen")]
    [InlineData("Weiß", "weiss")]
    [InlineData("Zoë-Ann", "zoeann")]
    public void Ascii_GermanAndAccentedNames_BecomeAddressSafe(string name, string expected) =>
        Assert.Equal(expected, DemoDataGenerator.Ascii(name));

    [Fact]
    public void OptionsValidator_OutOfRangeSizes_AreRejectedWithTheOptionName()
    {
        var result = new DemoDataOptionsValidator().Validate(new DemoDataOptions { Customers = 0, OrderLines = -1 });
        Assert.Contains(result.Errors, e => e.ErrorMessage.Contains("--customers"));
        Assert.Contains(result.Errors, e => e.ErrorMessage.Contains("--orders"));
    }
}
