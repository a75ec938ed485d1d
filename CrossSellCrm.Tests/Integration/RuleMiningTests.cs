using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.DemoData;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations.Mining;
using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Recommendations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrossSellCrm.Tests.Integration;

public class RuleMiningTests(CrmAppFactory app) : IClassFixture<CrmAppFactory>
{
    private static async Task<RuleBook> WaitForBookAsync(RuleBookStore store, DateTime after)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (store.Current.MinedAt <= after && DateTime.UtcNow < until) await Task.Delay(100);
        Assert.True(store.Current.MinedAt > after, "the background worker did not mine within 30 s");
        return store.Current;
    }

    [Fact]
    public async Task Worker_AfterStart_MinesTheDemoOrdersAndFindsPhonesWithFittingCases()
    {
        _ = app.CreateClient(); // starts the host
        var book = await WaitForBookAsync(app.Services.GetRequiredService<RuleBookStore>(), DateTime.MinValue);

        await using var db = await app.DbFactory.CreateDbContextAsync();
        var products = await db.Products.Include(p => p.Category).ToDictionaryAsync(p => p.Id);
        Assert.True(book.Baskets >= 1_000);
        var phoneToCase = book.Rules.Where(r => r.Antecedent.Length == 1
            && products[r.Antecedent[0]].Category!.Code == "smartphones" && products[r.Consequent].Category!.Code == "phone-cases").ToList();
        Assert.NotEmpty(phoneToCase);
        Assert.All(phoneToCase, r =>
        {
            Assert.True(r.Lift > 2, $"lift {r.Lift:F2}");
            Assert.True(DemoCatalog.AreCompatible(products[r.Antecedent[0]].CompatibilityTags, products[r.Consequent].CompatibilityTags));
        });
    }

    [Fact]
    public async Task Trigger_ANewMarginWeight_ReRanksTheSameEngineAtOnce_WithoutMining()
    {
        var hub = new CrossSellCrm.Domain.Changes.ChangeHub();
        var engines = new CrossSellCrm.Domain.Recommendations.Engine.OfferEngineStore();
        var trigger = new RuleMiningTrigger(Microsoft.Extensions.Options.Options.Create(new RuleMiningSettings()), hub, engines);
        var engine = new CrossSellCrm.Domain.Recommendations.Engine.NextBestOfferEngine([], [],
            new RuleBook([], 0, new MiningOptions(), DateTime.UtcNow, TimeSpan.Zero), [], new CrossSellCrm.Domain.Recommendations.Engine.OutcomeLedger(),
            new CrossSellCrm.Domain.Recommendations.Engine.EngineSettings());
        engines.Swap(engine);
        hub.Publish(new CrossSellCrm.Domain.Changes.EngineTuningChanged(new CrossSellCrm.Domain.Recommendations.Tuning.OfferStrategy(MarginWeight: 0.8)));
        Assert.Equal(0.8, engines.Current!.Settings.MarginWeight);
        Assert.Same(engine.Model, engines.Current.Model); // the same model: nothing was trained again
        var asked = trigger.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await asked;
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), "no mining run was asked for");
    }

    [Fact]
    public async Task Trigger_ManyDataChanges_SettleIntoOneRequest()
    {
        var trigger = new RuleMiningTrigger(Microsoft.Extensions.Options.Options.Create(new RuleMiningSettings { AfterDataChange = TimeSpan.FromMilliseconds(200) }), new CrossSellCrm.Domain.Changes.ChangeHub(),
            new CrossSellCrm.Domain.Recommendations.Engine.OfferEngineStore());
        for (var i = 0; i < 5; i++) trigger.DataChanged();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await trigger.WaitAsync(TimeSpan.FromSeconds(20), CancellationToken.None);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), "the settled changes ask for one run");
        watch.Restart();
        await trigger.WaitAsync(TimeSpan.FromMilliseconds(800), CancellationToken.None);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(700), "and only one");
    }

    [Fact]
    public async Task Trigger_MineNow_SwapsInANewBook()
    {
        _ = app.CreateClient();
        var store = app.Services.GetRequiredService<RuleBookStore>();
        var first = await WaitForBookAsync(store, DateTime.MinValue);
        app.Services.GetRequiredService<RuleMiningTrigger>().RequestMining();
        var second = await WaitForBookAsync(store, first.MinedAt);
        Assert.NotSame(first, second);
        Assert.Equal(first.Rules.Count, second.Rules.Count); // same data, same rules
    }

    [Fact]
    public async Task Worker_AfterMining_SwapsInAnEngineTheServiceDecidesWith()
    {
        _ = app.CreateClient();
        await WaitForBookAsync(app.Services.GetRequiredService<RuleBookStore>(), DateTime.MinValue);
        var engines = app.Services.GetRequiredService<CrossSellCrm.Domain.Recommendations.Engine.OfferEngineStore>();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (engines.Current is null && DateTime.UtcNow < until) await Task.Delay(100);
        Assert.NotNull(engines.Current);

        using var scope = app.Services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<CrossSellCrm.Domain.Recommendations.Engine.NextBestOfferService>();
        var decision = await service.DecideAsync(1, CrossSellCrm.Domain.Customers.ContactChannel.InStore, null);
        Assert.NotNull(decision);
        Assert.True(decision.Offers.Count > 0 || decision.StopTextEn is not null);
        Assert.Null(await service.DecideAsync(999_999, CrossSellCrm.Domain.Customers.ContactChannel.InStore, null));
    }

    [Fact]
    public void Settings_BadContactPolicy_StopsTheAppAtStartWithTheReason()
    {
        using var bad = new CrmAppFactory().WithWebHostBuilder(b => b.UseSetting("Recommendations:ContactPolicy:MaxOffersPerContact", "0"));
        var error = Assert.Throws<OptionsValidationException>(() => bad.CreateClient());
        Assert.Contains("MaxOffersPerContact must be between 1 and 10 (was 0)", error.Message);
    }

    [Fact]
    public void Settings_BadThresholds_StopTheAppAtStartWithTheReason()
    {
        using var bad = new CrmAppFactory().WithWebHostBuilder(b => b.UseSetting("Recommendations:Mining:MinSupport", "0"));
        var error = Assert.Throws<OptionsValidationException>(() => bad.CreateClient());
        Assert.Contains("--min-support must be greater than 0", error.Message);
    }
}
