using System.Net;
using CrossSellCrm.Tests.Support;

namespace CrossSellCrm.Tests.Integration;

/// <summary>
/// Addresses the app redirects to after sign-in, sign-out and the language switch come from the
/// request: anything that is not a page of this app goes to the home page, never elsewhere and never a 500.
/// </summary>
public class RedirectSecurityTests(CrmAppFactory app) : IClassFixture<CrmAppFactory>
{
    public static TheoryData<string> Foreign() =>
    [
        "https://evil.example/", "//evil.example", "/\\evil.example", "/\\/evil.example", "\\\\evil.example",
        "http://localhost.evil.example/", "javascript:alert(1)", "/\t/evil.example",
    ];

    private static string Target(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = new Uri(new Uri("http://localhost/"), response.Headers.Location!);
        Assert.Equal("localhost", target.Host);
        return target.PathAndQuery;
    }

    [Theory]
    [MemberData(nameof(Foreign))]
    public async Task SignIn_ForeignReturnUrl_GoesToTheHomePage(string returnUrl)
    {
        var response = await SignIn.PostLoginAsync(app.CreateBrowserLikeClient(), DemoAccounts.Manager, CrmAppFactory.Password, returnUrl);
        Assert.Equal("/", Target(response));
    }

    [Theory]
    [InlineData("/kpis?period=quarter", "/kpis?period=quarter")]
    [InlineData("http://localhost/segments", "/segments")] // the redirect-to-login component sends the absolute address
    public async Task SignIn_LocalReturnUrl_GoesThere(string returnUrl, string expected)
    {
        var response = await SignIn.PostLoginAsync(app.CreateBrowserLikeClient(), DemoAccounts.Manager, CrmAppFactory.Password, returnUrl);
        Assert.Equal(expected, Target(response));
    }

    [Theory]
    [MemberData(nameof(Foreign))]
    [InlineData("/\\evil")]
    public async Task Culture_ForeignReturnUrl_GoesToTheHomePage(string returnUrl)
    {
        var response = await app.CreateBrowserLikeClient().GetAsync($"/culture/de?returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal("/", Target(response));
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Culture_LocalReturnUrl_GoesBackThere()
    {
        var response = await app.CreateBrowserLikeClient().GetAsync($"/culture/de?returnUrl={Uri.EscapeDataString("/Account/Login?ReturnUrl=%2Fkpis")}");
        Assert.Equal("/Account/Login?ReturnUrl=%2Fkpis", Target(response));
    }

    [Theory]
    [InlineData("/\\evil.example", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/kpis", "/kpis")]
    public async Task Logout_ReturnUrl_StaysInTheApp(string returnUrl, string expected)
    {
        var client = await SignIn.AsAsync(app, DemoAccounts.Sales);
        var token = SignIn.AntiforgeryToken(await client.GetStringAsync("/"));
        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["ReturnUrl"] = returnUrl,
        }));
        Assert.Equal(expected, Target(response));
    }
}
