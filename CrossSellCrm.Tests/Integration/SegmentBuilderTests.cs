using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Orders;
using CrossSellCrm.Domain.Segmentation;
using CrossSellCrm.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using static CrossSellCrm.Domain.Segmentation.RuleNode;

namespace CrossSellCrm.Tests.Integration;

/// <summary>Rules run as SQL on the demo database; each is checked against the same question asked of the loaded customers in C#.</summary>
public class SegmentBuilderTests(CrmAppFactory app) : IClassFixture<CrmAppFactory>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private async Task<List<Customer>> CustomersAsync()
    {
        await using var db = await app.DbFactory.CreateDbContextAsync();
        return await db.Customers.AsNoTracking().Include(c => c.Lifestyle).Include(c => c.Tags).AsSplitQuery().ToListAsync();
    }

    private async Task<HashSet<int>> SqlAsync(RuleNode rule)
    {
        Assert.True(new SegmentRuleValidator().Validate(rule).IsValid, rule.ToJson());
        await using var db = await app.DbFactory.CreateDbContextAsync();
        return (await db.Customers.Where(SegmentQuery.Predicate(rule, Today, db.Subscriptions)).Select(c => c.Id).ToListAsync()).ToHashSet();
    }

    private static int? Age(Customer c) => c.AgeOn(Today);

    public static IEnumerable<object[]> Cases() => new (string Name, RuleNode Rule, Func<Customer, HashSet<int>, bool> Expected)[]
    {
        ("age equals", Condition("age", RuleOperator.EqualTo, "35"), (c, _) => Age(c) == 35),
        ("age between", Condition("age", RuleOperator.Between, "25", "34"), (c, _) => Age(c) is >= 25 and <= 34),
        ("age at least", Condition("age", RuleOperator.AtLeast, "60"), (c, _) => Age(c) >= 60),
        ("age at most", Condition("age", RuleOperator.AtMost, "24"), (c, _) => Age(c) <= 24),
        ("gender in", Condition("gender", RuleOperator.In, "Female", "Diverse"), (c, _) => c.Gender is Gender.Female or Gender.Diverse),
        ("income not", Condition("income", RuleOperator.NotEqualTo, "High"), (c, _) => c.IncomeBand != IncomeBand.High),
        ("city equals (German)", Condition("city", RuleOperator.EqualTo, "München"), (c, _) => c.City == "München"),
        ("city contains (German)", Condition("city", RuleOperator.Contains, "ünch"), (c, _) => c.City?.Contains("ünch") == true),
        ("city in", Condition("city", RuleOperator.In, "Köln", "Düsseldorf"), (c, _) => c.City is "Köln" or "Düsseldorf"),
        ("postal code starts with", Condition("postalCode", RuleOperator.StartsWith, "8"), (c, _) => c.PostalCode?.StartsWith('8') == true),
        ("region empty", Condition("region", RuleOperator.IsEmpty), (c, _) => string.IsNullOrEmpty(c.Region)),
        ("country not", Condition("country", RuleOperator.NotEqualTo, "DE"), (c, _) => c.Country != "DE"),
        ("lifestyle in", Condition("lifestyle", RuleOperator.In, "student", "urban-professional"), (c, _) => c.Lifestyle?.Code is "student" or "urban-professional"),
        ("interest has", Condition("interest", RuleOperator.HasTag, "photography", "travel"), (c, _) => c.Tags.Any(t => t.Kind == TagKind.Interest && t.Code is "photography" or "travel")),
        ("value has not", Condition("value", RuleOperator.HasNoTag, "sustainability"), (c, _) => !c.Tags.Any(t => t.Kind == TagKind.Value && t.Code == "sustainability")),
        ("frequency at least", Condition("frequency", RuleOperator.AtLeast, "10"), (c, _) => c.Behaviour.Frequency >= 10),
        ("monetary between", Condition("monetary", RuleOperator.Between, "500", "1500.50"), (c, _) => c.Behaviour.Monetary is >= 500m and <= 1500.50m),
        ("R score equals", Condition("recencyScore", RuleOperator.EqualTo, "5"), (c, _) => c.Behaviour.RecencyScore == 5),
        ("brand loyalty in percent", Condition("brandLoyalty", RuleOperator.AtLeast, "50"), (c, _) => c.Behaviour.BrandLoyalty >= 0.5),
        ("channel", Condition("preferredChannel", RuleOperator.EqualTo, "Store"), (c, _) => c.Behaviour.PreferredChannel == SalesChannel.Store),
        ("channel not", Condition("preferredChannel", RuleOperator.NotEqualTo, "Store"), (c, _) => c.Behaviour.PreferredChannel != SalesChannel.Store),
        ("last order after", Condition("lastOrderAt", RuleOperator.After, Today.AddDays(-30).ToString("yyyy-MM-dd")),
            (c, _) => c.Behaviour.LastOrderAt >= Today.AddDays(-29).ToDateTime(TimeOnly.MinValue)),
        ("last order between", Condition("lastOrderAt", RuleOperator.Between, Today.AddDays(-90).ToString("yyyy-MM-dd"), Today.AddDays(-60).ToString("yyyy-MM-dd")),
            (c, _) => c.Behaviour.LastOrderAt >= Today.AddDays(-90).ToDateTime(TimeOnly.MinValue) && c.Behaviour.LastOrderAt < Today.AddDays(-59).ToDateTime(TimeOnly.MinValue)),
        ("never ordered", Condition("lastOrderAt", RuleOperator.IsEmpty), (c, _) => c.Behaviour.LastOrderAt is null),
        ("subscriber", Condition("subscriber", RuleOperator.IsTrue), (c, subs) => subs.Contains(c.Id)),
        ("not subscriber", Condition("subscriber", RuleOperator.IsFalse), (c, subs) => !subs.Contains(c.Id)),
        ("and/or, two levels", Group(RuleMatch.And, Condition("age", RuleOperator.AtLeast, "30"),
                Group(RuleMatch.Or, Condition("interest", RuleOperator.HasTag, "photography"), Condition("city", RuleOperator.EqualTo, "Berlin"))),
            (c, _) => Age(c) >= 30 && (c.Tags.Any(t => t.Kind == TagKind.Interest && t.Code == "photography") || c.City == "Berlin")),
    }.Select(x => new object[] { x.Name, x.Rule.ToJson(), x.Expected });

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Rule_AsSql_SelectsWhatItSays(string name, string json, Func<Customer, HashSet<int>, bool> expected)
    {
        var customers = await CustomersAsync();
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var subscribers = (await db.Subscriptions.Where(s => s.Status == SubscriptionStatus.Active).Select(s => s.CustomerId).ToListAsync()).ToHashSet();
        var want = customers.Where(c => expected(c, subscribers)).Select(c => c.Id).ToHashSet();
        var got = await SqlAsync(RuleNode.Parse(json)!);
        Assert.True(want.SetEquals(got), $"{name}: expected {want.Count}, SQL selected {got.Count}");
        Assert.True(want.Count > 0 || name is "never ordered" or "region empty", $"{name}: the demo data should have matches"); // the demo has no gaps there
    }

    [Fact]
    public async Task Preview_OfEachDemoSegment_EqualsItsStoredMembership()
    {
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var segments = await db.Segments.ToListAsync();
        Assert.NotEmpty(segments);
        foreach (var segment in segments)
        {
            var rule = RuleNode.Parse(segment.RuleDefinition);
            Assert.NotNull(rule);
            var preview = await new SegmentBuilder(app.DbFactory, TimeProvider.System, new CrossSellCrm.Domain.Kpis.KpiCubeStore(), new CrossSellCrm.Domain.Changes.ChangeHub()).PreviewAsync(rule);
            Assert.Equal(await db.SegmentMemberships.CountAsync(m => m.SegmentId == segment.Id), preview.Members);
        }
    }

    [Fact]
    public async Task Preview_AverageClv_SameFromTheCubeAndFromTheOrders()
    {
        var rule = Group(RuleMatch.And, Condition("interest", RuleOperator.HasTag, "photography"));
        var cubes = new CrossSellCrm.Domain.Kpis.KpiCubeStore();
        cubes.Swap(await new CrossSellCrm.Domain.Kpis.KpiCubeLoader(app.DbFactory).LoadAsync());
        var fromCube = await new SegmentBuilder(app.DbFactory, TimeProvider.System, cubes, new CrossSellCrm.Domain.Changes.ChangeHub()).PreviewAsync(rule);
        var fromSql = await new SegmentBuilder(app.DbFactory, TimeProvider.System, new CrossSellCrm.Domain.Kpis.KpiCubeStore(), new CrossSellCrm.Domain.Changes.ChangeHub()).PreviewAsync(rule);
        Assert.Equal(fromSql.Members, fromCube.Members);
        Assert.Equal((double)fromSql.AverageClv!.Value, (double)fromCube.AverageClv!.Value, 0);
        Assert.Equal(8, fromCube.Sample.Count);
        Assert.Equal(fromCube.Sample.Select(c => c.Monetary).OrderDescending(), fromCube.Sample.Select(c => c.Monetary));
    }

    [Fact]
    public async Task Save_MaterialisesWhatThePreviewCounted_AndAnEditMovesMembers()
    {
        var builder = new SegmentBuilder(app.DbFactory, TimeProvider.System, new CrossSellCrm.Domain.Kpis.KpiCubeStore(), new CrossSellCrm.Domain.Changes.ChangeHub());
        var rule = Group(RuleMatch.And, Condition("age", RuleOperator.AtLeast, "40"), Group(RuleMatch.Or, Condition("city", RuleOperator.In, "München", "Köln"), Condition("interest", RuleOperator.HasTag, "travel")));
        var preview = await builder.PreviewAsync(rule);
        var id = await builder.SaveAsync(new SegmentInput { Name = "Reisende über 40", Description = "Test", Rule = rule }, null);

        await using var db = await app.DbFactory.CreateDbContextAsync();
        var saved = await db.Segments.SingleAsync(s => s.Id == id);
        Assert.Equal(preview.Members, saved.MemberCount);
        Assert.Equal(preview.Members, await db.SegmentMemberships.CountAsync(m => m.SegmentId == id));
        Assert.InRange(preview.Share!.Value, 0.0001, 1);
        Assert.Equal(rule.ToJson(), saved.RuleDefinition);

        rule.Rules[0] = Condition("age", RuleOperator.AtLeast, "60");
        await builder.SaveAsync(new SegmentInput { Id = id, Name = "Reisende über 60", Rule = rule }, null);
        var narrower = await builder.PreviewAsync(rule);
        Assert.True(narrower.Members < preview.Members);
        Assert.Equal(narrower.Members, await db.SegmentMemberships.CountAsync(m => m.SegmentId == id));

        var error = await Assert.ThrowsAsync<ValidationException>(() => builder.SaveAsync(new SegmentInput { Name = "Reisende über 60", Rule = rule }, null));
        Assert.Contains(error.Errors, e => e.ErrorMessage == "Another segment has this name.");
        error = await Assert.ThrowsAsync<ValidationException>(() => builder.PreviewAsync(Group(RuleMatch.And, Condition("age", RuleOperator.AtLeast))));
        Assert.Contains(error.Errors, e => e.PropertyName == "Rules[0].Values");
    }

    private SegmentBuilder Builder() => new(app.DbFactory, TimeProvider.System, new CrossSellCrm.Domain.Kpis.KpiCubeStore(), new CrossSellCrm.Domain.Changes.ChangeHub());

    [Fact]
    public async Task Save_TwoManagersEditTheSameSegment_TheSecondSaveIsRefusedAndTheFirstKept()
    {
        var builder = Builder();
        var rule = Group(RuleMatch.And, Condition("age", RuleOperator.AtLeast, "30"));
        var id = await builder.SaveAsync(new SegmentInput { Name = "Zwei Bearbeiter", Rule = rule }, null);
        Guid opened;
        await using (var db = await app.DbFactory.CreateDbContextAsync())
            opened = (await db.Segments.SingleAsync(s => s.Id == id)).Version; // both managers open the editor now

        await builder.SaveAsync(new SegmentInput { Id = id, Version = opened, Name = "Zwei Bearbeiter", Description = "Mara's change", Rule = rule }, null);
        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            builder.SaveAsync(new SegmentInput { Id = id, Version = opened, Name = "Zwei Bearbeiter", Description = "Tom's change", Rule = rule }, null));

        Assert.Contains(error.Errors, e => e.PropertyName == nameof(SegmentInput.Version) && e.ErrorMessage.StartsWith("Someone else saved this segment", StringComparison.Ordinal));
        await using var check = await app.DbFactory.CreateDbContextAsync();
        Assert.Equal("Mara's change", (await check.Segments.SingleAsync(s => s.Id == id)).Description);
    }

    [Fact]
    public async Task Save_TwoManagersCreateTheSameNameAtOnce_OneIsSavedTheOtherToldBesideTheName()
    {
        var rule = Group(RuleMatch.And, Condition("age", RuleOperator.AtLeast, "50"));
        using var start = new ManualResetEventSlim();
        var saves = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            try { return (Id: (int?)await Builder().SaveAsync(new SegmentInput { Name = "Gleichzeitig angelegt", Rule = rule }, null), Error: (ValidationException?)null); }
            catch (ValidationException e) { return (Id: (int?)null, Error: e); }
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(saves);

        Assert.Single(results, r => r.Id is not null);
        Assert.All(results.Where(r => r.Id is null), r => Assert.Contains(r.Error!.Errors, e => e.PropertyName == "Name" && e.ErrorMessage == "Another segment has this name."));
        await using var db = await app.DbFactory.CreateDbContextAsync();
        Assert.Equal(1, await db.Segments.CountAsync(s => s.Name == "Gleichzeitig angelegt"));
    }

    [Fact]
    public async Task Preview_AnAgeOf2100_IsAMessageBesideTheRule_NotACrash()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => Builder().PreviewAsync(Group(RuleMatch.And, Condition("age", RuleOperator.AtLeast, "2100"))));
        Assert.Contains(error.Errors, e => e.PropertyName == "Rules[0].Values[0]" && e.ErrorMessage == "Give a value from 0 to 130.");
    }
}
