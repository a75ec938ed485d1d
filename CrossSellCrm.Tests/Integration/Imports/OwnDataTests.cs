using System.Globalization;
using CrossSellCrm.Domain.Calls;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Imports;
using CrossSellCrm.Domain.Kpis;
using CrossSellCrm.Domain.Onboarding;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Domain.Recommendations.Mining;
using CrossSellCrm.Tests.Domain.Recommendations;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration.Imports;

/// <summary>The app started empty, as a team with its own data starts it.</summary>
public sealed class EmptyCrmFactory : CrmAppFactory
{
    protected override bool SeedDemoData => false;
}

/// <summary>
/// The path a team takes with its own data, on a real shop export: an empty CRM, the online-retail file imported as orders
/// (customers and products made from it), then rules mined from it, offers with reasons for one of its customers in the
/// cockpit, and the dashboard's revenue for its month equal to the file's.
/// </summary>
public class OwnDataTests(EmptyCrmFactory app) : IClassFixture<EmptyCrmFactory>
{
    [Fact]
    public async Task OnlineRetailFile_IntoAnEmptyCrm_RulesOffersAndTheDashboardFollow()
    {
        var file = RealData.DatasetPath("online_retail_10k.csv");
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var setup = await services.GetRequiredService<GettingStarted>().CheckAsync();
        Assert.False(setup.Single(s => s.Step == SetupStep.Orders).Done);
        await using (var db = await app.DbFactory.CreateDbContextAsync()) Assert.Equal(0, await db.Customers.CountAsync());

        var imports = services.GetRequiredService<ImportService>();
        var preview = imports.Preview(file, ImportKind.Orders);
        var settings = new ImportSettings(ImportKind.Orders, preview.SuggestedMapping, preview.SuggestedCulture, CreateMissing: true);
        var job = await imports.CreateOrResumeAsync(file, file, settings, dryRun: false, "test");
        job = await imports.RunAsync(job.Id, file);
        Assert.Equal(ImportJobStatus.Done, job.Status);
        Assert.Equal(10_000, job.Counts.OrderLinesCreated);

        // The file's own figures, read here without the importer: revenue of December 2010, and the biggest customer.
        var (expectedRevenue, busiest) = ReadFile(file);

        // The workers heard the import: the cube, the rules and the engine are rebuilt without a restart.
        var cubes = app.Services.GetRequiredService<KpiCubeStore>();
        var rules = app.Services.GetRequiredService<RuleBookStore>();
        var until = DateTime.UtcNow.AddSeconds(90);
        while ((cubes.Current?.SaleCount != 10_000 || rules.Current.Rules.Count == 0) && DateTime.UtcNow < until)
            await Task.Delay(200);
        Assert.Equal(10_000, cubes.Current?.SaleCount);
        Assert.NotEmpty(rules.Current.Rules);

        var december = KpiDashboard.Compute(cubes.Current!, new KpiFilter(new DateOnly(2010, 12, 1), new DateOnly(2011, 1, 1)), new DateOnly(2011, 1, 1));
        Assert.Equal(expectedRevenue, december.Current.Revenue, 2);

        int customerId;
        await using (var db = await app.DbFactory.CreateDbContextAsync())
            customerId = await db.Customers.Where(c => c.CustomerNumber == busiest).Select(c => c.Id).SingleAsync();
        var calls = services.GetRequiredService<CallService>();
        // Walked into the shop: no consent needed. By phone: the export holds no consent, so the cockpit offers nothing.
        // The engine is built on the new rules right after them.
        CallView? inStore;
        do
        {
            inStore = await calls.OpenAsync(new CallRequest(customerId, null, ContactChannel.InStore, "en"));
            if (inStore is { Offers.Count: > 0 }) break;
            await Task.Delay(250);
        }
        while (DateTime.UtcNow < until);
        Assert.NotNull(inStore);
        Assert.NotEmpty(inStore.Offers);
        Assert.All(inStore.Offers, o => Assert.NotEmpty(o.Offer.Reasons));
        var byPhone = await calls.OpenAsync(new CallRequest(customerId, null, ContactChannel.Phone, "en"));
        Assert.Equal(StopReason.NoConsent, byPhone!.Decision.Stop);

        setup = await services.GetRequiredService<GettingStarted>().CheckAsync();
        Assert.True(setup.Where(s => s.Step is SetupStep.Products or SetupStep.Customers or SetupStep.Orders).All(s => s.Done));
        Assert.False(setup.Single(s => s.Step == SetupStep.Complements).Done);
    }

    private static (decimal Revenue, string Busiest) ReadFile(string path)
    {
        // An independent reader (Visual Basic's), so that the expectation does not come from the code under test.
        using var parser = new Microsoft.VisualBasic.FileIO.TextFieldParser(path) { TextFieldType = Microsoft.VisualBasic.FileIO.FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!.ToList();
        var (date, customerColumn, quantity, price) = (header.IndexOf("InvoiceDate"), header.IndexOf("CustomerID"), header.IndexOf("Quantity"), header.IndexOf("UnitPrice"));
        decimal revenue = 0;
        var lines = new Dictionary<string, int>();
        while (parser.ReadFields() is { } fields)
        {
            var at = DateTime.Parse(fields[date], CultureInfo.InvariantCulture);
            var customer = fields[customerColumn].Split('.')[0];
            if (at.Year == 2010 && at.Month == 12)
                revenue += int.Parse(fields[quantity], CultureInfo.InvariantCulture) * decimal.Parse(fields[price], CultureInfo.InvariantCulture);
            lines[customer] = lines.GetValueOrDefault(customer) + 1;
        }
        return (revenue, lines.MaxBy(p => p.Value).Key);
    }
}
