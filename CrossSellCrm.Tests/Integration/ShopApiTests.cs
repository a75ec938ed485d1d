using System.Net;
using System.Net.Http.Json;
using CrossSellCrm.Domain.Recommendations.Mining;
using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CrossSellCrm.Tests.Integration;

public sealed class ShopApiFactory : CrmAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Api:ShopKeys:0", "test-shop-key");
    }
}

public class ShopApiTests(ShopApiFactory app) : IClassFixture<ShopApiFactory>
{
    private HttpClient Client(string? key)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (key is not null) client.DefaultRequestHeaders.Add(ShopApi.KeyHeader, key);
        return client;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task AlsoBought_WithoutAValidKey_IsUnauthorized(string? key)
    {
        var response = await Client(key).GetAsync("/api/products/PH-PIX9/also-bought");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AlsoBought_Phone_ListsFittingCasesFirstWithTheirNumbers()
    {
        var client = Client("test-shop-key");
        var store = app.Services.GetRequiredService<RuleBookStore>();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (store.Current == RuleBook.Empty && DateTime.UtcNow < until) await Task.Delay(100);

        var response = await client.GetFromJsonAsync<AlsoBoughtResponse>("/api/products/PH-PIX9/also-bought?take=3");
        Assert.NotNull(response);
        Assert.Equal("Google Pixel 9", response.Name);
        Assert.NotNull(response.RulesMinedAt);
        Assert.InRange(response.Items.Count, 1, 3);
        Assert.Contains(response.Items, i => i.Sku is "CS-PIX9" or "CS-PELA");
        Assert.DoesNotContain(response.Items, i => i.Sku is "CS-IP16" or "CS-GS25" or "CS-FP5"); // cases for other phones
        Assert.Equal(response.Items.Select(i => i.Confidence).OrderByDescending(c => c), response.Items.Select(i => i.Confidence));
    }

    [Fact]
    public async Task AlsoBought_UnknownSku_IsNotFound()
    {
        var response = await Client("test-shop-key").GetAsync("/api/products/NOPE/also-bought");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No product with SKU 'NOPE'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AlsoBought_TakeOutOfRange_IsABadRequestNamingTheField()
    {
        var response = await Client("test-shop-key").GetAsync("/api/products/PH-PIX9/also-bought?take=0");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("take must be between 1 and 20 (was 0).", await response.Content.ReadAsStringAsync());
    }
}
