using System.Net;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration;

public class AppHostTests(CrmAppFactory app) : IClassFixture<CrmAppFactory>
{
    [Fact]
    public async Task Start_FreshDatabase_IsMigratedSeededAndHealthy()
    {
        var client = app.CreateBrowserLikeClient();
        var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());

        await using var db = await app.DbFactory.CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(300, await db.Customers.CountAsync());
        Assert.True(await db.OrderLines.CountAsync() > 2_000);
        Assert.Equal("wal", (await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync()).Single());
    }

    [Fact]
    public async Task Health_DatabaseGone_IsUnhealthy()
    {
        await using var broken = new CrmAppFactory();
        var client = broken.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        await using (var db = await broken.DbFactory.CreateDbContextAsync())
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\"");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Health_AfterStart_TrustsTheMigrationsItAppliedAndOnlyAsksTheDatabaseToAnswer()
    {
        await using var started = new CrmAppFactory();
        var client = started.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        // Migrations change only when the app starts; a poll must not read and compare them all again.
        await using (var db = await started.DbFactory.CreateDbContextAsync())
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = (SELECT max(\"MigrationId\") FROM \"__EFMigrationsHistory\")");
        var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Home_Anonymous_RedirectsToSignIn()
    {
        var response = await app.CreateBrowserLikeClient().GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task SignIn_WrongPassword_StaysOnTheFormWithAClearMessage()
    {
        var client = app.CreateBrowserLikeClient();
        var response = await SignIn.PostLoginAsync(client, DemoAccounts.Manager, "not-the-password");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("e-mail or password is wrong", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_EmptyForm_ShowsValidationMessagesBesideTheFields()
    {
        var client = app.CreateBrowserLikeClient();
        var response = await SignIn.PostLoginAsync(client, "", "");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("validation-message", html);
        Assert.Contains("&#x27;E-mail&#x27;", html); // FluentValidation's message, naming the field as the form does
    }

    [Theory]
    [InlineData(DemoAccounts.Sales, "sales-home")]
    [InlineData(DemoAccounts.Manager, "manager-home")]
    [InlineData(DemoAccounts.Trainer, "trainer-home")]
    [InlineData(DemoAccounts.Admin, "admin-home")]
    public async Task SignIn_DemoUser_LandsOnTheirRolesHomeSection(string email, string section)
    {
        var client = await SignIn.AsAsync(app, email);
        var html = await client.GetStringAsync("/");
        Assert.Contains($"data-testid=\"{section}\"", html);
        foreach (var other in new[] { "sales-home", "manager-home", "trainer-home", "admin-home" }.Where(s => s != section))
            Assert.DoesNotContain($"data-testid=\"{other}\"", html);
    }

    [Fact]
    public async Task Culture_GermanCookie_RendersGermanText()
    {
        var client = await SignIn.AsAsync(app, DemoAccounts.Manager);
        var switched = await client.GetAsync("/culture/de-DE?returnUrl=%2F");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var html = await client.GetStringAsync("/");
        Assert.Contains("Nettoumsatz", html);
        Assert.Contains("lang=\"de\"", html);
    }
}
