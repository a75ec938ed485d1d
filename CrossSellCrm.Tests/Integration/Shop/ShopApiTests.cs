using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrossSellCrm.Domain.Recommendations.Mining;
using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Api;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace CrossSellCrm.Tests.Integration.Shop;

public class ShopApiFactory : CrmAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddScoped<IValidator<AlsoBoughtQuery>, ExplodingValidator>());
    }

    /// <summary>A client that sends the configuration's test key, as a shop's server would.</summary>
    public HttpClient ShopClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(ShopApi.KeyHeader, TestShopKey);
        return client;
    }

    /// <summary>The real validator, except that the SKU "BOOM" makes it throw: an unhandled exception on demand.</summary>
    private sealed class ExplodingValidator : AbstractValidator<AlsoBoughtQuery>
    {
        public override Task<ValidationResult> ValidateAsync(ValidationContext<AlsoBoughtQuery> context, CancellationToken cancellation = default) =>
            context.InstanceToValidate.Sku == "BOOM"
                ? throw new InvalidOperationException("Secret internals: connection string and stack")
                : new AlsoBoughtQueryValidator().ValidateAsync(context, cancellation);
    }
}

/// <summary>The same, in Development: where the developer exception page would otherwise answer.</summary>
public sealed class DevelopmentShopApiFactory : ShopApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
    }
}

public class ShopApiTests(ShopApiFactory app) : IClassFixture<ShopApiFactory>
{
    /// <summary>Every error of the API is an RFC 7807 problem: JSON with a status and a title, nothing of the internals.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("Secret internals", body);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

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

    [Theory]
    [InlineData("abc")]
    [InlineData("2.5")]
    [InlineData("99999999999")]
    public async Task AlsoBought_TakeNotAWholeNumber_IsAProblemNamingTheField(string take)
    {
        var response = await Client("test-shop-key").GetAsync($"/api/products/PH-PIX9/also-bought?take={take}");
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal($"take must be between 1 and 20 (was {take}).", problem.GetProperty("errors").GetProperty("Take")[0].GetString());
    }

    [Theory]
    [InlineData("/api/nothing-here")]
    [InlineData("/api/products/PH-PIX9")]
    [InlineData("/api")]
    public async Task UnknownRouteUnderApi_IsANotFoundProblem(string path)
    {
        await AssertProblemAsync(await Client("test-shop-key").GetAsync(path), HttpStatusCode.NotFound);
        await AssertProblemAsync(await Client(null).GetAsync(path), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AlsoBought_WrongMethod_IsAMethodNotAllowedProblem()
    {
        var response = await Client("test-shop-key").PostAsync("/api/products/PH-PIX9/also-bought", new StringContent("{}"));
        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task AlsoBought_UnhandledException_IsAProblemWithoutInternals()
    {
        var response = await Client("test-shop-key").GetAsync("/api/products/BOOM/also-bought");
        await AssertProblemAsync(response, HttpStatusCode.InternalServerError);
    }

    [Fact]
    public async Task Errors_AreProblemsToo()
    {
        await AssertProblemAsync(await Client(null).GetAsync("/api/products/PH-PIX9/also-bought"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await Client("test-shop-key").GetAsync("/api/products/NOPE/also-bought"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await Client("test-shop-key").GetAsync("/api/products/PH-PIX9/also-bought?take=0"), HttpStatusCode.BadRequest);
    }
}

/// <summary>In Development the API answers problems as well, not the developer exception page.</summary>
public class DevelopmentShopApiTests(DevelopmentShopApiFactory app) : IClassFixture<DevelopmentShopApiFactory>
{
    private HttpClient Client()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(ShopApi.KeyHeader, "test-shop-key");
        return client;
    }

    [Fact]
    public async Task Development_TakeNotANumber_IsAProblem() =>
        await ShopApiTests.AssertProblemAsync(await Client().GetAsync("/api/products/PH-PIX9/also-bought?take=abc"), HttpStatusCode.BadRequest);

    [Fact]
    public async Task Development_UnhandledException_IsAProblem() =>
        await ShopApiTests.AssertProblemAsync(await Client().GetAsync("/api/products/BOOM/also-bought"), HttpStatusCode.InternalServerError);
}
