using System.Net;
using System.Net.Http.Json;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Api;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration.Shop;

/// <summary>A known customer's offers in the web shop: only with their consent for it, under the contact policy, never cached.</summary>
public class CustomerOffersTests(ShopApiFactory app) : IClassFixture<ShopApiFactory>
{
    private HttpClient Client() => app.ShopClient();

    private async Task<string> CustomerAsync(bool webConsent)
    {
        using var scope = app.Services.CreateScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        return await db.Customers.Where(c => !c.IsErased && db.OrderLines.Any(l => l.Order!.CustomerId == c.Id)
                && db.MarketingConsents.Any(m => m.CustomerId == c.Id && m.Channel == ContactChannel.Web && m.Granted) == webConsent)
            .OrderBy(c => c.Id).Select(c => c.CustomerNumber).FirstAsync();
    }

    [Fact]
    public async Task ACustomerWhoConsented_GetsOffersWithReasons_NotCached()
    {
        await app.EngineAsync();
        var number = await CustomerAsync(webConsent: true);
        var response = await Client().GetAsync($"/api/customers/{number}/offers?lang=de");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var offers = (await response.Content.ReadFromJsonAsync<CustomerOffersResponse>())!;
        Assert.Equal(number, offers.Customer);
        Assert.Null(offers.Stop);
        Assert.InRange(offers.Items.Count, 1, 3);
        Assert.All(offers.Items, i => Assert.False(string.IsNullOrWhiteSpace(i.Reason)));
        Assert.Equal("de", offers.Language);
    }

    [Fact]
    public async Task ACustomerWithoutConsentForTheWebShop_GetsNothing_AndIsToldWhy()
    {
        await app.EngineAsync();
        var offers = (await Client().GetFromJsonAsync<CustomerOffersResponse>($"/api/customers/{await CustomerAsync(webConsent: false)}/offers"))!;
        Assert.Equal("noConsent", offers.Stop);
        Assert.Empty(offers.Items);
        Assert.Contains("web shop", offers.Message);
    }

    [Fact]
    public async Task AnUnknownCustomer_IsANotFoundProblem_AndABadLanguageABadRequest()
    {
        await ShopApiTests.AssertProblemAsync(await Client().GetAsync("/api/customers/C9999999/offers"), HttpStatusCode.NotFound);
        var problem = await ShopApiTests.AssertProblemAsync(await Client().GetAsync("/api/customers/C0000001/offers?lang=fr"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("lang", out _));
    }
}
