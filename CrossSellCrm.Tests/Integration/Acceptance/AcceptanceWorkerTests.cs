using CrossSellCrm.Domain.Calls;
using CrossSellCrm.Domain.Changes;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Domain.Recommendations.Acceptance;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Recommendations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration.Acceptance;

/// <summary>The small demo data set (300 customers) with the model serving from 30 accepted offers, so that it serves here.</summary>
public sealed class AcceptanceAppFactory : CrmAppFactory
{
    public const int MinPositives = 30;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Recommendations:Acceptance:MinPositives", MinPositives.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>The acceptance model in the app: trained in the background on the demo offer log, swapped into the engine, on the cards and in the log.</summary>
public class AcceptanceWorkerTests(AcceptanceAppFactory app) : IClassFixture<AcceptanceAppFactory>
{
    private async Task<OfferAcceptance> ModelAsync()
    {
        await app.EngineAsync();
        var store = app.Services.GetRequiredService<OfferAcceptanceStore>();
        var until = DateTime.UtcNow.AddSeconds(90);
        while (store.Current is null && DateTime.UtcNow < until) await Task.Delay(200);
        return store.Current ?? throw new TimeoutException("The acceptance model was not trained within 90 s.");
    }

    [Fact]
    public async Task Worker_AfterStart_TrainsOnTheDemoOffers_AndTheEngineUsesIt()
    {
        var model = await ModelAsync();
        Assert.True(model.Report.Serves);
        Assert.True(model.Report.Positives >= AcceptanceAppFactory.MinPositives);
        Assert.True(model.Report.Auc > 0.6, $"held-out AUC {model.Report.Auc:F3}");
        var until = DateTime.UtcNow.AddSeconds(30);
        while (app.Services.GetRequiredService<OfferEngineStore>().Current?.Acceptance != model && DateTime.UtcNow < until) await Task.Delay(100);
        Assert.Same(model, app.Services.GetRequiredService<OfferEngineStore>().Current!.Acceptance);

        var view = await InScopeAsync(sp => sp.GetRequiredService<OfferLearning>().ViewAsync(0));
        Assert.Same(model.Report, view.Model);
        Assert.Contains(view.Rows, r => r.ModelServes && r.Model is { Positives: >= 10 });
    }

    [Fact]
    public async Task Cockpit_TheCardsChanceIsTheModels_AndAnAnswerLogsItWithTheChanceOfBeingShown()
    {
        await ModelAsync();
        var engines = app.Services.GetRequiredService<OfferEngineStore>();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (engines.Current?.Acceptance is null && DateTime.UtcNow < until) await Task.Delay(100);
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var rep = await db.Users.FirstAsync(u => u.Email == DemoAccounts.Sales);
        var customers = await db.MarketingConsents.Where(c => c.Channel == ContactChannel.Phone && c.Granted).Select(c => c.CustomerId).Distinct().OrderBy(id => id).Take(40).ToListAsync();
        CallOffer? card = null;
        var customer = 0;
        foreach (var c in customers)
        {
            var view = await InScopeAsync(sp => sp.GetRequiredService<CallService>().OpenAsync(new CallRequest(c, rep.Id, ContactChannel.Phone, "en")));
            card = view?.Offers.FirstOrDefault(o => o.Offer.ChanceSource == ChanceSource.Model);
            if (card is not null) { customer = c; break; }
        }
        Assert.NotNull(card);
        Assert.InRange(card.Offer.Chance, 0.0, 1.0);
        Assert.NotNull(card.Offer.ShownProbability);

        var answer = await InScopeAsync(sp => sp.GetRequiredService<CallService>().AnswerAsync(new CallRequest(customer, rep.Id, ContactChannel.Phone, "en"), new OfferOutcomeInput
        {
            CustomerId = customer, ProductId = card.Offer.Product.Id, AnchorProductId = card.Offer.Anchor?.Id, Channel = ContactChannel.Phone, Rank = card.Offer.Rank,
            Score = card.Offer.Score, Outcome = OfferOutcome.Declined, DeclineReason = DeclineReason.NotNow, PresentationKey = card.PresentationKey,
            ShownProbability = card.Offer.ShownProbability, Chance = card.Offer.Chance, ChanceFromModel = true,
        }));
        var stored = await db.OfferPresentations.AsNoTracking().SingleAsync(o => o.Id == answer.Result.OfferId);
        Assert.Equal((card.Offer.ShownProbability, card.Offer.Chance, (bool?)true), (stored.ShownProbability, stored.Chance, stored.ChanceFromModel));
    }

    [Fact]
    public async Task Trigger_EnoughNewAnswers_AskForARetraining_OthersDoNot()
    {
        var hub = new ChangeHub();
        var trigger = new AcceptanceTrigger(Microsoft.Extensions.Options.Options.Create(new AcceptanceOptions { RetrainAfterOutcomes = 3 }), hub);
        hub.Publish(new OfferAnswered(1, 1, 1, OfferOutcome.Accepted, null));
        hub.Publish(new OfferAnswered(2, 1, 1, OfferOutcome.Later, null)); // not an answer the model learns from
        hub.Publish(new OfferAnswered(3, 1, 1, OfferOutcome.Declined, null));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await trigger.WaitAsync(TimeSpan.FromMilliseconds(500), CancellationToken.None);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(450), "two decided answers asked for a retraining");
        hub.Publish(new OfferAnswered(4, 1, 1, OfferOutcome.Declined, null));
        watch.Restart();
        await trigger.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "the third decided answer did not ask for a retraining");
    }

    [Theory]
    [InlineData("2026-12-02T01:00:00", 1.0)]
    [InlineData("2026-12-02T02:00:00", 24.0)]
    [InlineData("2026-12-02T23:30:00", 2.5)]
    public void Nightly_TheNextRunIsAtTheNightlyHour(string now, double hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), AcceptanceWorker.UntilNight(DateTime.Parse(now, System.Globalization.CultureInfo.InvariantCulture), new TimeOnly(2, 0)));

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }
}

/// <summary>With the default threshold (200 accepted offers) the small demo log is too little: the model is trained and shown, but every chance is the Beta count.</summary>
public class AcceptanceFallbackTests(CrmAppFactory app) : IClassFixture<CrmAppFactory>
{
    [Fact]
    public async Task Worker_FewerAcceptedOffersThanTheThreshold_TheCardsKeepTheBetaCounts()
    {
        await app.EngineAsync();
        var store = app.Services.GetRequiredService<OfferAcceptanceStore>();
        var until = DateTime.UtcNow.AddSeconds(90);
        while (store.LastAttempt is null && DateTime.UtcNow < until) await Task.Delay(200);
        var model = store.Current;
        Assert.NotNull(model);
        Assert.InRange(model.Report.Positives, 5, 199);
        Assert.False(model.Report.Serves);
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var rep = await db.Users.FirstAsync(u => u.Email == DemoAccounts.Sales);
        var customers = await db.MarketingConsents.Where(c => c.Channel == ContactChannel.Phone && c.Granted).Select(c => c.CustomerId).Distinct().OrderBy(id => id).Take(10).ToListAsync();
        var cards = new List<CallOffer>();
        foreach (var c in customers)
        {
            await using var scope = app.Services.CreateAsyncScope();
            cards.AddRange((await scope.ServiceProvider.GetRequiredService<CallService>().OpenAsync(new CallRequest(c, rep.Id, ContactChannel.Phone, "en")))?.Offers ?? []);
        }
        Assert.NotEmpty(cards);
        Assert.All(cards, card => Assert.Equal(ChanceSource.Posterior, card.Offer.ChanceSource));
    }
}
