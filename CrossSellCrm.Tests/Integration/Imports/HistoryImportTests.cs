using CrossSellCrm.Domain.Imports;
using CrossSellCrm.Domain.Orders;
using CrossSellCrm.Domain.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration.Imports;

/// <summary>A team's history: subscriptions to plans of the catalogue, and past offers with their answers, so that learning starts from them.</summary>
public class HistoryImportTests
{
    private static async Task<ImportService> CatalogueAndCustomersAsync(ImportDatabase database)
    {
        var service = ImportTest.Service(database);
        using (var products = ImportTest.WriteLines(["sku,name,price,kind", "FIT-PREM,FitClub Premium,49.00,subscription", "PT-10,Personal training,300.00,service", "SHAKER,Shaker,9.90,physical"]))
            await service.ImportAsync(products.Path, new ImportSettings(ImportKind.Products, new Dictionary<string, string> { ["sku"] = "sku", ["name"] = "name", ["price"] = "price", ["kind"] = "kind" }));
        using (var customers = ImportTest.WriteLines(["customer,last-name", "K1,Berg", "K2,Lind"]))
            await service.ImportAsync(customers.Path, new ImportSettings(ImportKind.Customers, new Dictionary<string, string> { ["customer"] = "customer", ["last-name"] = "last-name" }));
        return service;
    }

    [Fact]
    public async Task Subscriptions_PlansOnly_StatusFromTheEndDate_PriceFromThePlan_AndAgainUnchanged()
    {
        using var _ = ImportTest.English();
        await using var database = await ImportTest.NewDatabaseAsync();
        var service = await CatalogueAndCustomersAsync(database);
        using var file = ImportTest.WriteLines(["Kunde;Tarif;Beginn;Ende;Monatspreis", "K1;FIT-PREM;01.02.2025;;", "K2;FIT-PREM;01.03.2025;30.09.2025;39,00",
            "K2;SHAKER;01.03.2025;;", "K1;FIT-PREM;01.06.2025;01.05.2025;", "K9;FIT-PREM;01.06.2025;;"]);
        var preview = service.Preview(file.Path, ImportKind.Subscriptions);
        Assert.Equal(new Dictionary<string, string> { ["customer"] = "Kunde", ["plan"] = "Tarif", ["started-on"] = "Beginn", ["ended-on"] = "Ende", ["monthly-price"] = "Monatspreis" },
            preview.SuggestedMapping);
        var settings = new ImportSettings(ImportKind.Subscriptions, preview.SuggestedMapping, preview.SuggestedCulture);
        var job = await service.ImportAsync(file.Path, settings);
        Assert.Equal((2L, 3L), (job.Counts.SubscriptionsCreated, job.Counts.RowsRejected));
        var problems = (await service.ProblemsAsync(job.Id)).Select(p => (p.Line, p.Message)).ToList();
        Assert.Equal([(4L, "\"SHAKER\" is no subscription plan in the catalogue (its kind)."), (5L, "It ends before it starts."),
            (6L, "There is no customer \"K9\": import the customers first.")], problems);
        await using (var db = database.Create())
        {
            var subscriptions = await db.Subscriptions.OrderBy(s => s.StartedOn).ToListAsync();
            Assert.Equal([(SubscriptionStatus.Active, 49.00m, (DateOnly?)null), (SubscriptionStatus.Cancelled, 39.00m, new DateOnly(2025, 9, 30))],
                subscriptions.Select(s => (s.Status, s.MonthlyPrice, s.EndedOn)));
            Assert.All(subscriptions, s => Assert.Equal(job.Id, s.ImportJobId)); // what a job wrote carries its id
        }
        var again = await service.ImportAsync(file.Path, settings);
        Assert.Equal((0L, 0L, 2L), (again.Counts.SubscriptionsCreated, again.Counts.SubscriptionsUpdated, again.Counts.RowsUnchanged));
    }

    [Fact]
    public async Task Offers_WithTheirAnswers_TheCockpitsRulesApply_AndTheStatisticsCountThem()
    {
        using var _ = ImportTest.English();
        await using var database = await ImportTest.NewDatabaseAsync();
        var service = await CatalogueAndCustomersAsync(database);
        using var file = ImportTest.WriteLines(["customer,sku,date,channel,outcome,decline-reason,follow-up-on",
            "K1,PT-10,2025-03-01 10:00,phone,accepted,,", "K2,PT-10,2025-03-02 11:00,email,declined,too expensive,", "K2,SHAKER,2025-03-02 11:00,phone,later,,2025-04-01",
            "K1,SHAKER,2025-03-05 09:00,phone,accepted,already owned,", "K1,PT-10,2025-03-06 09:00,phone,maybe,,"]);
        var preview = service.Preview(file.Path, ImportKind.Offers);
        var job = await service.ImportAsync(file.Path, new ImportSettings(ImportKind.Offers, preview.SuggestedMapping, preview.SuggestedCulture));
        Assert.Equal((3L, 2L), (job.Counts.OffersCreated, job.Counts.RowsRejected));
        var problems = await service.ProblemsAsync(job.Id);
        Assert.Equal(["decline-reason", "outcome"], problems.Select(p => p.Column));
        await using var db = database.Create();
        var offers = await db.OfferPresentations.OrderBy(o => o.PresentedAt).ThenBy(o => o.ProductId).ToListAsync();
        Assert.Equal([OfferOutcome.Accepted, OfferOutcome.Declined, OfferOutcome.Later], offers.Select(o => o.Outcome));
        Assert.Equal(DeclineReason.TooExpensive, offers[1].DeclineReason);
        Assert.Equal(new DateOnly(2025, 4, 1), offers[2].FollowUpOn);
        Assert.Equal(CrossSellCrm.Domain.Customers.ContactChannel.Email, offers[1].Channel);
        Assert.All(offers, o => Assert.Equal(job.Id, o.ImportJobId));
    }
}
