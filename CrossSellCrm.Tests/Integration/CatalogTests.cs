using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Domain.Recommendations.Mining;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration;

/// <summary>The product page's data and the manager's learning view, on the demo database.</summary>
public class CatalogTests(CrmAppFactory app) : IClassFixture<CrmAppFactory>
{
    private async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    private Task WaitForEngineAsync() => app.EngineAsync();

    [Fact]
    public async Task Detail_Phone_ShowsItsFittingCaseAsCuratedAndAlsoBought()
    {
        await WaitForEngineAsync(); // the engine is built after the first mining run
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var pixel = await db.Products.SingleAsync(p => p.Sku == "PH-PIX9");

        var detail = await WithScopeAsync(sp => sp.GetRequiredService<ProductCatalog>().DetailAsync(pixel.Id))!;

        Assert.NotNull(detail);
        Assert.Equal("Google Pixel 9", detail.Summary.Name);
        Assert.Contains(detail.Curated, c => c.Product.Sku == "CS-PIX9" && c.Kind == RelationKind.Accessory);
        Assert.NotEmpty(detail.AlsoBought);
        Assert.Contains(detail.AlsoBought, c => c.Product.Sku is "CS-PIX9" or "CS-PELA");
        Assert.All(detail.AlsoBought, c => Assert.Equal([pixel.Id], c.Rule!.Antecedent));
        Assert.Equal(detail.AlsoBought.Select(c => c.Rule!.Confidence).OrderDescending(), detail.AlsoBought.Select(c => c.Rule!.Confidence));

        var since = DateTime.UtcNow.AddYears(-1);
        var lines = await db.OrderLines.Where(l => l.ProductId == pixel.Id).Select(l => new { l.Order!.CustomerId, l.Order.OrderedAt, l.Quantity, l.Revenue }).ToListAsync();
        var lastYear = lines.Where(l => l.OrderedAt >= since).ToList();
        Assert.Equal(lastYear.Where(l => l.Quantity > 0).Select(l => l.CustomerId).Distinct().Count(), detail.LastYear.Buyers);
        Assert.Equal(lastYear.Sum(l => l.Quantity), detail.LastYear.Units);
        Assert.Equal((double)lastYear.Sum(l => l.Revenue), (double)detail.LastYear.NetRevenue, 2);
    }

    [Fact]
    public async Task Detail_UnknownProduct_IsNull() =>
        Assert.Null(await WithScopeAsync(sp => sp.GetRequiredService<ProductCatalog>().DetailAsync(987654)));

    [Fact]
    public async Task ProductPage_AsRep_ShowsTheAlsoBoughtTable()
    {
        await WaitForEngineAsync();
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var pixel = await db.Products.SingleAsync(p => p.Sku == "PH-PIX9");
        var client = await SignIn.AsAsync(app, DemoAccounts.Sales);

        var html = await client.GetStringAsync($"/catalog/{pixel.Id}");

        Assert.Contains("Customers who bought this also bought", html);
        Assert.Contains("data-testid=\"also-bought-row\"", html);
        var first = await db.Products.Where(p => p.IsActive).OrderBy(p => p.Category!.NameEn).ThenBy(p => p.Name).Select(p => p.Name).FirstAsync();
        Assert.Contains(System.Net.WebUtility.HtmlEncode(first), await client.GetStringAsync("/catalog"));
    }

    [Fact]
    public async Task Learning_CountsEveryPresentedOfferAndFollowsTheLedger()
    {
        await WaitForEngineAsync();
        var rows = await WithScopeAsync(sp => sp.GetRequiredService<OfferLearning>().RowsAsync());
        await using var db = await app.DbFactory.CreateDbContextAsync();

        var overall = rows.Where(r => r.SegmentId == 0).ToList();
        Assert.Equal(await db.OfferPresentations.CountAsync(), overall.Sum(r => r.Presented));
        Assert.Equal(await db.OfferPresentations.CountAsync(o => o.Outcome == OfferOutcome.Accepted), overall.Sum(r => r.Accepted));
        Assert.Contains(rows, r => r.SegmentId != 0);
        Assert.All(rows, r => Assert.NotNull(r.Estimate));
        // The engine's evidence is the decided outcomes the view counts.
        Assert.All(overall, r => Assert.Equal(r.Decided, r.Estimate!.Evidence.Presented));

        var top = overall.OrderByDescending(r => r.Decided).First();
        var segmentOnly = await WithScopeAsync(sp => sp.GetRequiredService<OfferLearning>().RowsAsync(0));
        Assert.All(segmentOnly, r => Assert.Equal(0, r.SegmentId));
        Assert.Equal(overall.Count, segmentOnly.Count);
    }
}
