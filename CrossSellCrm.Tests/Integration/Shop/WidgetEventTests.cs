using System.Net;
using System.Net.Http.Json;
using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Shop;
using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Api;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration.Shop;

/// <summary>The widget's impressions and clicks: recorded per product shown, anonymous unless a known customer is named, on the product page.</summary>
public class WidgetEventTests(ShopApiFactory app) : IClassFixture<ShopApiFactory>
{
    private HttpClient Client() => app.ShopClient();

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider);
    }

    [Fact]
    public async Task ImpressionsAndAClick_AreRecorded_AndShowOnTheProductPage()
    {
        var client = Client();
        var shown = await client.PostAsJsonAsync("/api/widget/events",
            new WidgetEventInput("impression", ["HP-BOSE", "CS-PIX9", "NOT-IN-CRM"], "PH-PIX9", null));
        Assert.Equal(HttpStatusCode.Accepted, shown.StatusCode);
        Assert.Equal(2, (await shown.Content.ReadFromJsonAsync<WidgetEventRecorded>())!.Recorded);
        var clicked = await client.PostAsJsonAsync("/api/widget/events", new WidgetEventInput("click", ["CS-PIX9"], "PH-PIX9", null));
        Assert.Equal(1, (await clicked.Content.ReadFromJsonAsync<WidgetEventRecorded>())!.Recorded);

        var detail = await InScopeAsync(async sp =>
        {
            var db = await sp.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
            var id = await db.Products.Where(p => p.Sku == "CS-PIX9").Select(p => p.Id).SingleAsync();
            return (await sp.GetRequiredService<ProductCatalog>().DetailAsync(id))!;
        });
        Assert.True(detail.FromTheShop.Impressions >= 1);
        Assert.True(detail.FromTheShop.Clicks >= 1);
        Assert.NotNull(detail.FromTheShop.ClickRate);
    }

    [Fact]
    public async Task AKnownCustomer_IsLinked_AndNoLongerOnceErased()
    {
        var (id, number) = await InScopeAsync(async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
            var c = await db.Customers.Where(c => !c.IsErased).OrderByDescending(c => c.Id).Select(c => new { c.Id, c.CustomerNumber }).FirstAsync();
            return (c.Id, c.CustomerNumber);
        });
        await Client().PostAsJsonAsync("/api/widget/events", new WidgetEventInput("click", ["CS-PIX9"], null, number));
        async Task<int> LinkedAsync() => await InScopeAsync(async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
            return await db.ShopWidgetEvents.CountAsync(e => e.CustomerId == id);
        });
        Assert.Equal(1, await LinkedAsync());

        await InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<CrossSellCrm.Domain.Privacy.PrivacyService>()
                .EraseAsync(new CrossSellCrm.Domain.Privacy.ErasureInput(id, number, "Asked to be forgotten"), "test");
            return 0;
        });
        Assert.Equal(0, await LinkedAsync());
    }

    [Theory]
    [InlineData("""{"kind":"view","skus":["CS-PIX9"]}""", "Kind")]
    [InlineData("""{"kind":"click","skus":["CS-PIX9","HP-BOSE"]}""", "Skus")]
    [InlineData("""{"kind":"impression","skus":[]}""", "Skus")]
    [InlineData("""{"kind":"impression"}""", "Skus")]
    public async Task ABadEvent_IsAProblemNamingTheField(string json, string field)
    {
        var response = await Client().PostAsync("/api/widget/events", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var problem = await ShopApiTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task ABodyThatIsNoJson_IsABadRequestProblem() =>
        await ShopApiTests.AssertProblemAsync(
            await Client().PostAsync("/api/widget/events", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
}
