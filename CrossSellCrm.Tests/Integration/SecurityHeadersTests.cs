using System.Net;
using System.Text.RegularExpressions;
using CrossSellCrm.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CrossSellCrm.Tests.Integration;

/// <summary>The app as it runs in production (demo users switched on explicitly, so it starts), HTTPS on port 443.</summary>
public class ProductionFactory : CrmAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("https_port", "443");
    }
}

/// <summary>Production behind a TLS-terminating reverse proxy on the same machine.</summary>
public sealed class ProductionBehindProxyFactory : ProductionFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Hosting:BehindProxy", "true");
    }
}

public partial class SecurityHeadersTests(CrmAppFactory app) : IClassFixture<CrmAppFactory>
{
    public static string Policy(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Content-Security-Policy"));

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/")]
    [InlineData("/health")]
    [InlineData("/app.css")]
    [InlineData("/no-such-page")]
    [InlineData("/api/products/PH-PIX9/also-bought")]
    [InlineData("/culture/de?returnUrl=%2F")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path)
    {
        var response = await app.CreateBrowserLikeClient().GetAsync(path);
        var policy = Policy(response);
        foreach (var directive in new[] { "default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'" })
            Assert.Contains(directive, policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Page_ImportMap_CarriesThisResponsesNonce()
    {
        var client = app.CreateBrowserLikeClient();
        var first = await client.GetAsync("/Account/Login");
        var nonce = Nonce().Match(Policy(first)).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Matches($"<script type=\"importmap\" nonce=\"{Regex.Escape(nonce)}\">", await first.Content.ReadAsStringAsync());
        Assert.DoesNotContain("unsafe-inline", Regex.Match(Policy(first), "script-src[^;]*").Value);

        var second = await client.GetAsync("/Account/Login");
        Assert.NotEqual(nonce, Nonce().Match(Policy(second)).Groups[1].Value);
    }

    [Fact]
    public async Task Testing_HasNoHstsAndNoHttpsRedirect()
    {
        var response = await app.CreateBrowserLikeClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();
}

public class ProductionSecurityHeadersTests(ProductionFactory app) : IClassFixture<ProductionFactory>
{
    private HttpClient Client(string baseAddress) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false });

    [Fact]
    public async Task Production_Https_SendsHsts()
    {
        var response = await Client("https://crm.example/").GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        Assert.Contains("frame-ancestors 'none'", SecurityHeadersTests.Policy(response));
    }

    [Fact]
    public async Task Production_Http_RedirectsToHttps()
    {
        var response = await Client("http://crm.example/").GetAsync("/health");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://crm.example/health", response.Headers.Location!.ToString());
    }
}

public class ProxySecurityHeadersTests(ProductionBehindProxyFactory app) : IClassFixture<ProductionBehindProxyFactory>
{
    [Fact]
    public async Task BehindProxy_TlsEndedAtTheProxy_IsHttpsToTheApp()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://crm.example/"), AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task BehindProxy_PlainHttpAtTheProxy_IsRedirected()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://crm.example/"), AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "http");
        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
    }
}
