using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Shop;
using CrossSellCrm.Web.Api;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration.Shop;

/// <summary>Keys an admin makes: they authenticate, are stored as a hash only, hold their origins and their rate, and stop at revocation.</summary>
public class ShopApiKeyTests(ShopApiFactory app) : IClassFixture<ShopApiFactory>
{
    private const string Pixel = "/api/products/PH-PIX9/also-bought?take=2";

    private HttpClient Client(string? key, string? origin = null)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (key is not null) client.DefaultRequestHeaders.Add(ShopApi.KeyHeader, key);
        if (origin is not null) client.DefaultRequestHeaders.Add("Origin", origin);
        return client;
    }

    private async Task<ShopApiKeyCreated> CreateAsync(string name, string origins = "", int rate = 600)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ShopApiKeyService>()
            .CreateAsync(new ShopApiKeyInput { Name = name, AllowedOrigins = origins, RequestsPerMinute = rate });
    }

    [Fact]
    public async Task AMadeKey_Works_IsStoredAsAHashOnly_AndStopsWhenRevoked()
    {
        var created = await CreateAsync("Web shop");
        Assert.StartsWith(created.Key.Prefix + "_", created.Secret);
        Assert.True(created.Secret.Length > 50);
        Assert.Equal(HttpStatusCode.OK, (await Client(created.Secret).GetAsync(Pixel)).StatusCode);

        using (var scope = app.Services.CreateScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
            var row = await db.ShopApiKeys.AsNoTracking().SingleAsync(k => k.Id == created.Key.Id);
            Assert.Equal(ShopKeyRing.Hash(created.Secret), row.Hash);
            Assert.NotNull(row.LastUsedAt);
            var audit = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(ShopApiKey)).Select(a => a.Changes).ToListAsync();
            Assert.DoesNotContain(audit, c => c != null && c.Contains(created.Secret[12..]));
        }

        // The same prefix with another secret: refused (the prefix only finds the row).
        var forged = created.Key.Prefix + "_" + new string('A', created.Secret.Length - created.Key.Prefix.Length - 1);
        await ShopApiTests.AssertProblemAsync(await Client(forged).GetAsync(Pixel), HttpStatusCode.Unauthorized);

        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<ShopApiKeyService>().RevokeAsync(created.Key.Id);
        await ShopApiTests.AssertProblemAsync(await Client(created.Secret).GetAsync(Pixel), HttpStatusCode.Unauthorized);
        using (var scope = app.Services.CreateScope())
        {
            var keys = await scope.ServiceProvider.GetRequiredService<ShopApiKeyService>().ListAsync();
            Assert.False(keys.Single(k => k.Id == created.Key.Id).Active);
            await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
                scope.ServiceProvider.GetRequiredService<ShopApiKeyService>().RevokeAsync(created.Key.Id));
        }
    }

    [Fact]
    public async Task APage_FromAnOriginTheKeyDoesNotName_IsForbidden_FromOneItNames_GetsCorsHeaders()
    {
        var created = await CreateAsync("Shop with a widget", "https://shop.example\nhttp://localhost:8080");

        var allowed = await Client(created.Secret, "https://SHOP.example").GetAsync(Pixel);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("https://SHOP.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Origin", allowed.Headers.Vary);

        var other = await Client(created.Secret, "https://evil.example").GetAsync(Pixel);
        var problem = await ShopApiTests.AssertProblemAsync(other, HttpStatusCode.Forbidden);
        Assert.Contains("https://evil.example", problem.GetProperty("detail").GetString());
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));

        // A key without origins is for servers: any browser page is refused.
        var serverOnly = await CreateAsync("Server only");
        await ShopApiTests.AssertProblemAsync(await Client(serverOnly.Secret, "https://shop.example").GetAsync(Pixel), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await Client(serverOnly.Secret).GetAsync(Pixel)).StatusCode);
    }

    [Fact]
    public async Task APreflight_IsAnsweredForTheOriginsOfActiveKeys_Only()
    {
        await CreateAsync("Preflight shop", "http://localhost:8080");
        async Task<HttpResponseMessage> PreflightAsync(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, Pixel);
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "GET");
            request.Headers.Add("Access-Control-Request-Headers", "x-api-key");
            return await Client(null).SendAsync(request);
        }

        var known = await PreflightAsync("http://localhost:8080");
        Assert.Equal(HttpStatusCode.NoContent, known.StatusCode);
        Assert.Equal("http://localhost:8080", known.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains(ShopApi.KeyHeader, known.Headers.GetValues("Access-Control-Allow-Headers").Single());

        var unknown = await PreflightAsync("https://elsewhere.example");
        Assert.False(unknown.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task AKey_BeyondItsRate_GetsA429ProblemWithRetryAfter_AndOtherKeysDoNot()
    {
        var slow = await CreateAsync("Tiny shop", rate: 3);
        var other = await CreateAsync("Other shop", rate: 3);
        var client = Client(slow.Secret);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Pixel)).StatusCode);

        var refused = await client.GetAsync(Pixel);
        var problem = await ShopApiTests.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Contains("3 requests a minute", problem.GetProperty("detail").GetString());
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 60);

        Assert.Equal(HttpStatusCode.OK, (await Client(other.Secret).GetAsync(Pixel)).StatusCode);
    }

    [Fact]
    public async Task TheSameAnswer_AskedWithItsETag_Is304WithoutABody()
    {
        var client = Client("test-shop-key");
        var first = await client.GetAsync("/api/baskets/recommendations?sku=PH-PIX9");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!;
        Assert.Contains("max-age=300", first.Headers.CacheControl!.ToString());
        Assert.True(first.Headers.CacheControl.Private);

        var again = new HttpRequestMessage(HttpMethod.Get, "/api/baskets/recommendations?sku=PH-PIX9");
        again.Headers.IfNoneMatch.Add(etag);
        var second = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());

        var otherQuestion = new HttpRequestMessage(HttpMethod.Get, "/api/baskets/recommendations?sku=CM-R8");
        otherQuestion.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(otherQuestion)).StatusCode);
    }

    [Fact]
    public async Task ABasket_GetsWhatGoesWithIt_NeverAnotherOfAKindInIt_InTheAskedLanguage()
    {
        await app.EngineAsync();
        var client = Client("test-shop-key");
        var basket = await client.GetFromJsonAsync<BasketRecommendations>("/api/baskets/recommendations?sku=PH-PIX9&sku=NOPE&take=5");
        Assert.NotNull(basket);
        Assert.Equal(["PH-PIX9"], basket.Skus);
        Assert.Equal(["NOPE"], basket.UnknownSkus);
        Assert.InRange(basket.Items.Count, 1, 5);
        Assert.Contains(basket.Items, i => i.Sku is "CS-PIX9" or "CS-PELA");
        Assert.DoesNotContain(basket.Items, i => i.Sku.StartsWith("PH-", StringComparison.Ordinal)); // no second phone
        Assert.DoesNotContain(basket.Items, i => i.Sku is "CS-IP16" or "CS-GS25" or "CS-FP5"); // cases for other phones
        Assert.All(basket.Items, i => Assert.False(string.IsNullOrWhiteSpace(i.Reason)));

        var german = await client.GetFromJsonAsync<BasketRecommendations>("/api/baskets/recommendations?sku=PH-PIX9&lang=de");
        Assert.Equal("de", german!.Language);
        Assert.Contains(german.Items, i => i.Reason.Contains("Käufer", StringComparison.Ordinal) || i.Reason.Contains("Kunden", StringComparison.Ordinal));

        var byHeader = new HttpRequestMessage(HttpMethod.Get, "/api/baskets/recommendations?sku=PH-PIX9");
        byHeader.Headers.AcceptLanguage.ParseAdd("fr-FR, de-DE;q=0.8, en;q=0.5");
        var fromHeader = await (await client.SendAsync(byHeader)).Content.ReadFromJsonAsync<BasketRecommendations>();
        Assert.Equal("de", fromHeader!.Language);
    }

    [Theory]
    [InlineData("/api/baskets/recommendations", "Skus")]
    [InlineData("/api/baskets/recommendations?sku=PH-PIX9&take=0", "Take")]
    [InlineData("/api/baskets/recommendations?sku=PH-PIX9&take=abc", "Take")]
    [InlineData("/api/baskets/recommendations?sku=PH-PIX9&lang=fr", "lang")]
    public async Task ABadBasketQuestion_IsAProblemNamingTheField(string path, string field)
    {
        var problem = await ShopApiTests.AssertProblemAsync(await Client("test-shop-key").GetAsync(path), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task TheOpenApiDocument_IsValid_AndDescribesTheShopEndpointsWithTheKey()
    {
        var response = await Client(null).GetAsync(ShopApiDocument.DocumentPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        var read = Microsoft.OpenApi.OpenApiDocument.Parse(json, "json");
        Assert.Empty(read.Diagnostic!.Errors);
        var document = read.Document!;
        Assert.Equal(["/api/baskets/recommendations", "/api/customers/{number}/offers", "/api/products/{sku}/also-bought", "/api/widget/events"], document.Paths.Keys.Order());
        var scheme = Assert.Single(document.Components!.SecuritySchemes!).Value;
        Assert.Equal(ShopApi.KeyHeader, scheme.Name);
        Assert.Contains("429", document.Paths["/api/products/{sku}/also-bought"].Operations!.Single().Value.Responses!.Keys);

        var reference = await Client(null).GetAsync(ShopApiDocument.ReferencePath + "/");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        var page = await reference.Content.ReadAsStringAsync();
        var csp = reference.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([0-9A-F]+)'").Groups[1].Value;
        Assert.Contains($"nonce=\"{nonce}\"", page); // its inline script runs under the app's policy
    }
}
