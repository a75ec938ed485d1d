using System.Net;
using System.Reflection;
using CrossSellCrm.Domain.Users;
using CrossSellCrm.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace CrossSellCrm.Tests.Integration;

/// <summary>
/// Every routable page of the app, found by reflection, requested by every role and by nobody:
/// a page that forgets its [Authorize] or names the wrong role fails here.
/// </summary>
public class RoleRulesTests(CrmAppFactory app) : IClassFixture<CrmAppFactory>
{
    public sealed record PageRule(string Route, bool Anonymous, string[]? Roles)
    {
        public override string ToString() => Route;
    }

    public static IEnumerable<object[]> Pages() => typeof(Program).Assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t))
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (Type: t, r.Template)))
        .Where(p => !p.Template.Contains('{'))
        .Select(p => new object[]
        {
            new PageRule(p.Template, p.Type.GetCustomAttribute<AllowAnonymousAttribute>() is not null,
                p.Type.GetCustomAttribute<AuthorizeAttribute>()?.Roles?.Split(',', StringSplitOptions.TrimEntries)),
        })
        .OrderBy(r => ((PageRule)r[0]).Route);

    [Fact]
    public void Pages_AreFound() => Assert.True(Pages().Count() >= 8);

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_Anonymous_OnlyPublicPagesOpen(PageRule page)
    {
        var response = await app.CreateBrowserLikeClient().GetAsync(page.Route);
        if (page.Anonymous)
            Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_EachRole_OpensOnlyWhatItsRoleAllows(PageRule page)
    {
        foreach (var role in Roles.All)
        {
            var client = await SignIn.AsAsync(app, DemoAccounts.For(role));
            var response = await client.GetAsync(page.Route);
            var allowed = page.Anonymous || page.Roles is null || page.Roles.Contains(role);
            if (allowed)
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} should open {page.Route}, got {(int)response.StatusCode}");
            else
            {
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
            }
        }
    }

    [Fact]
    public async Task Logout_SignedIn_EndsTheSession()
    {
        var client = await SignIn.AsAsync(app, DemoAccounts.Sales);
        var page = await client.GetStringAsync("/"); // the app bar carries the sign-out form
        var token = SignIn.AntiforgeryToken(page);
        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["ReturnUrl"] = "",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }
}
