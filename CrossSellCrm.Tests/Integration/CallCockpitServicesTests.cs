using CrossSellCrm.Domain.Auditing;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration;

/// <summary>What the call cockpit writes and reads, against the real host's database and engine.</summary>
public class CallCockpitServicesTests(CrmAppFactory app) : IClassFixture<CrmAppFactory>
{
    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    private Task<NextBestOfferEngine> EngineAsync() => app.EngineAsync();

    /// <summary>A customer with consent by phone who gets at least <paramref name="offers"/> offers, and their decision.</summary>
    private async Task<(int Customer, OfferDecision Decision)> CustomerWithOffersAsync(int offers, int skip = 0)
    {
        await EngineAsync();
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var ids = await db.MarketingConsents.Where(c => c.Channel == ContactChannel.Phone && c.Granted).Select(c => c.CustomerId)
            .Where(id => !db.OfferPresentations.Any(o => o.CustomerId == id && o.PresentedAt > DateTime.UtcNow.AddDays(-30)))
            .OrderBy(id => id).Take(200).ToListAsync();
        foreach (var id in ids)
        {
            var decision = await InScopeAsync(sp => sp.GetRequiredService<NextBestOfferService>().DecideAsync(id, ContactChannel.Phone, null));
            if (decision!.Offers.Count >= offers && skip-- <= 0) return (id, decision);
        }
        throw new InvalidOperationException("no demo customer with enough offers");
    }

    private static OfferOutcomeInput Input(int customer, RecommendedOffer offer, OfferOutcome outcome, DeclineReason? reason = null,
        DateOnly? followUp = null, bool order = false) => new()
    {
        CustomerId = customer, ProductId = offer.Product.Id, AnchorProductId = offer.Anchor?.Id, Channel = ContactChannel.Phone, Rank = offer.Rank,
        Score = offer.Score, ReasonsShown = string.Join('\n', offer.Reasons.Select(r => r.TextEn)), Outcome = outcome, DeclineReason = reason,
        FollowUpOn = followUp, CreateOrder = order, BundleDiscountPercent = offer.BundleDiscountPercent,
    };

    [Fact]
    public async Task Record_Declined_IsStoredAuditedLearnedAndTheOfferDisappears()
    {
        var engine = await EngineAsync();
        var (customer, decision) = await CustomerWithOffersAsync(2);
        var declined = decision.Offers[0];
        var before = engine.Outcomes.Get(declined.Product.Id, 0);
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var rep = await db.Users.FirstAsync(u => u.Email == DemoAccounts.Sales);

        var result = await InScopeAsync(sp => sp.GetRequiredService<OfferLog>().RecordAsync(Input(customer, declined, OfferOutcome.Declined, DeclineReason.TooExpensive), rep.Id));

        var stored = await db.OfferPresentations.SingleAsync(o => o.Id == result.OfferId);
        Assert.Equal((OfferOutcome.Declined, DeclineReason.TooExpensive, rep.Id, customer), (stored.Outcome, stored.DeclineReason, stored.RepId, stored.CustomerId));
        Assert.Equal(string.Join('\n', declined.Reasons.Select(r => r.TextEn)), stored.ReasonsShown); // the reasons the rep saw are kept
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(OfferPresentation) && a.EntityId == result.OfferId.ToString()));
        Assert.Equal(new OutcomeCounts(before.Presented + 1, before.Accepted), engine.Outcomes.Get(declined.Product.Id, 0));

        var next = await InScopeAsync(sp => sp.GetRequiredService<NextBestOfferService>().DecideAsync(customer, ContactChannel.Phone, rep.Id));
        Assert.DoesNotContain(next!.Offers, o => o.Product.Id == declined.Product.Id);
        Assert.True(next.Offers.Count <= 2, "the contact policy counts the offer this rep made today, from the database");
    }

    [Fact]
    public async Task Record_AcceptedWithOrder_WritesTheOrderLineTheKpisCount()
    {
        var (customer, decision) = await CustomerWithOffersAsync(1, skip: 2);
        var offer = decision.Offers[0];
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var ordersBefore = await db.Orders.CountAsync(o => o.CustomerId == customer);

        var result = await InScopeAsync(sp => sp.GetRequiredService<OfferLog>().RecordAsync(Input(customer, offer, OfferOutcome.Accepted, order: true), null));

        Assert.NotNull(result.OrderId);
        var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == result.OrderId);
        var line = Assert.Single(order.Lines);
        Assert.Equal(offer.Product.Id, line.ProductId);
        Assert.Equal(offer.Product.Price * (1 - (offer.BundleDiscountPercent ?? 0) / 100m), order.NetRevenue, 2);
        Assert.Equal(ordersBefore + 1, await db.Orders.CountAsync(o => o.CustomerId == customer));
        Assert.Equal(order.Id, (await db.Orders.Where(o => o.CustomerId == customer).OrderByDescending(o => o.OrderedAt).FirstAsync()).Id);
        var next = await InScopeAsync(sp => sp.GetRequiredService<NextBestOfferService>().DecideAsync(customer, ContactChannel.Phone, null));
        Assert.DoesNotContain(next!.Offers, o => o.Product.Id == offer.Product.Id);
    }

    [Fact]
    public async Task Record_TwoRepsAtOnceForOneCustomer_EachOfferOnce_NothingElseLost()
    {
        var engine = await EngineAsync();
        var (customer, decision) = await CustomerWithOffersAsync(2, skip: 4);
        var (first, second) = (decision.Offers[0], decision.Offers[1]);
        var counts = (engine.Outcomes.Get(first.Product.Id, 0), engine.Outcomes.Get(second.Product.Id, 0));
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var reps = await db.Users.OrderBy(u => u.Email).Select(u => u.Id).Take(2).ToListAsync();

        // Two reps, each answering both offers (accepted), at once: each offer is answered once, the rest are refused.
        var results = await Task.WhenAll(
            Enumerable.Range(0, 4).Select(i => InScopeAsync(sp => sp.GetRequiredService<OfferLog>()
                .RecordAsync(Input(customer, i % 2 == 0 ? first : second, OfferOutcome.Accepted), reps[i / 2]))));

        Assert.Equal(2, results.Count(r => r.Stored));
        var ids = results.Where(r => r.Stored).Select(r => r.OfferId).ToList();
        Assert.Equal(2, await db.OfferPresentations.CountAsync(o => ids.Contains(o.Id)));
        Assert.Equal(counts.Item1.Presented + 1, engine.Outcomes.Get(first.Product.Id, 0).Presented);
        Assert.Equal(counts.Item2.Presented + 1, engine.Outcomes.Get(second.Product.Id, 0).Presented);
    }

    [Theory]
    [InlineData(OfferOutcome.Later, null, false, "Pick the day to follow up.")]
    [InlineData(OfferOutcome.Declined, null, true, "Only an accepted offer becomes an order.")]
    [InlineData(OfferOutcome.NoAnswer, null, false, "Choose accepted, declined or later.")]
    [InlineData(OfferOutcome.Later, -1, false, "The follow-up must be within the next 365 days.")]
    public async Task Record_InvalidInput_IsRefusedAndNothingIsStored(OfferOutcome outcome, int? followUpInDays, bool order, string message)
    {
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var customer = await db.Customers.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var product = await db.Products.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        var count = await db.OfferPresentations.CountAsync();
        var input = new OfferOutcomeInput
        {
            CustomerId = customer, ProductId = product, Outcome = outcome, CreateOrder = order,
            FollowUpOn = followUpInDays is { } d ? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(d) : null,
        };
        var error = await Assert.ThrowsAsync<ValidationException>(() => InScopeAsync(sp => sp.GetRequiredService<OfferLog>().RecordAsync(input, null)));
        Assert.Contains(error.Errors, e => e.ErrorMessage == message);
        Assert.Equal(count, await db.OfferPresentations.CountAsync());
    }

    [Fact]
    public async Task Record_UnknownProduct_IsRefused()
    {
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var customer = await db.Customers.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var error = await Assert.ThrowsAsync<ValidationException>(() => InScopeAsync(sp => sp.GetRequiredService<OfferLog>()
            .RecordAsync(new OfferOutcomeInput { CustomerId = customer, ProductId = 99999, Outcome = OfferOutcome.Accepted }, null)));
        Assert.Contains(error.Errors, e => e.PropertyName == "ProductId");
    }

    [Fact]
    public async Task CallNote_CreatedThenUpdatedByItsRep_OthersCannotChangeIt()
    {
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var customer = await db.Customers.OrderBy(c => c.Id).Select(c => c.Id).Skip(7).FirstAsync();
        var reps = await db.Users.OrderBy(u => u.Email).Select(u => u.Id).Take(2).ToListAsync();
        var id = await InScopeAsync(sp => sp.GetRequiredService<CallNoteBook>().SaveAsync(customer, reps[0], null, "Ruft wegen der Lieferung an"));
        Assert.NotNull(id);
        await InScopeAsync(sp => sp.GetRequiredService<CallNoteBook>().SaveAsync(customer, reps[0], id, "Ruft wegen der Lieferung an – Hülle gewünscht"));
        Assert.Equal("Ruft wegen der Lieferung an – Hülle gewünscht", (await db.CallNotes.SingleAsync(n => n.Id == id)).Text);
        await Assert.ThrowsAsync<ValidationException>(() => InScopeAsync(sp => sp.GetRequiredService<CallNoteBook>().SaveAsync(customer, reps[1], id, "overwrite")));
        await Assert.ThrowsAsync<ValidationException>(() => InScopeAsync(sp => sp.GetRequiredService<CallNoteBook>().SaveAsync(customer, reps[0], null, new string('x', 4001))));
        Assert.Null(await InScopeAsync(sp => sp.GetRequiredService<CallNoteBook>().SaveAsync(customer, reps[0], null, "   ")));
    }

    [Fact]
    public async Task Profile_HasTheFourDimensionsHistoryNewestFirstAndHistoricalClvAsMargin()
    {
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var id = await db.Customers.Where(c => c.Behaviour.Frequency >= 3).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var profile = await InScopeAsync(sp => sp.GetRequiredService<CustomerProfileService>().LoadAsync(id));

        Assert.NotNull(profile);
        Assert.Equal(await db.Orders.CountAsync(o => o.CustomerId == id), profile.OrderCount);
        Assert.Equal(profile.Orders.Select(o => o.OrderedAt).OrderDescending(), profile.Orders.Select(o => o.OrderedAt));
        Assert.Equal((double)(await db.Orders.Where(o => o.CustomerId == id).Select(o => o.Margin).ToListAsync()).Sum(), (double)profile.HistoricalClv, 2);
        Assert.NotNull(profile.PredictedClv.Value);
        Assert.NotNull(profile.PredictedClv.Aov);
        Assert.Equal(await db.MarketingConsents.CountAsync(c => c.CustomerId == id), profile.Consents.Count);
        Assert.Equal(await db.SegmentMemberships.CountAsync(m => m.CustomerId == id), profile.Segments.Count);
        Assert.Null(await InScopeAsync(sp => sp.GetRequiredService<CustomerProfileService>().LoadAsync(987654)));
    }
}
