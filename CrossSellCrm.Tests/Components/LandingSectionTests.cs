using Bunit;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Kpis;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Domain.Users;
using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Components.Pages.Home.Components;

namespace CrossSellCrm.Tests.Components;

/// <summary>The landing sections on a real, migrated but empty database: what a brand-new installation shows.</summary>
public class LandingSectionTests : ComponentTestBase, IClassFixture<SqliteDatabase>
{
    public LandingSectionTests(SqliteDatabase database)
    {
        Ctx.Services.AddSingleton(database.Factory);
        Ctx.Services.AddScoped<CustomerDirectory>();
        Ctx.Services.AddScoped<OfferStatistics>();
        Ctx.Services.AddScoped<KpiService>();
        Ctx.Services.AddScoped<DatabaseStatistics>();
        Ctx.Services.AddScoped<CrossSellCrm.Domain.Onboarding.GettingStarted>();
        Ctx.Services.AddScoped<CrossSellCrm.Domain.Coaching.CoachingProgress>();
        Ctx.JSInterop.SetupModule("./js/kpi-chart.js").Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void SalesHome_RepWithoutCustomers_SaysSoInsteadOfAnEmptyTable()
    {
        Ctx.AddAuthorization().SetAuthorized("new.rep@crm.example").SetRoles(Roles.Sales);
        var section = Ctx.Render<SalesHome>();
        section.WaitForElement("[data-testid=empty-customers]");
        Assert.Empty(section.FindAll("[data-testid=recent-customers]"));
        Assert.Equal("—", section.Find("[data-testid=own-acceptance]").TextContent);
        Assert.Contains("No follow-ups due this week.", section.Markup);
    }

    [Fact]
    public void ManagerHome_NoOrders_ShowsDashesWithTheReason()
    {
        Ctx.AddAuthorization().SetAuthorized("mara").SetRoles(Roles.Manager);
        var section = Ctx.Render<ManagerHome>();
        section.WaitForElements("[data-testid=kpi-card]", 4);
        var values = section.FindAll("[data-testid=kpi-value]").Select(v => v.TextContent).ToList();
        Assert.Equal(["€0", "—", "—", "—"], values);
        Assert.Contains("No orders in this period.", section.Markup);
        Assert.Contains("No offers presented in this period.", section.Markup);
        Assert.Empty(section.FindAll("[data-testid=kpi-change]"));
    }

    [Fact]
    public void TrainerHome_NoOffers_SaysSo()
    {
        Ctx.AddAuthorization().SetAuthorized("tim").SetRoles(Roles.Trainer);
        var section = Ctx.Render<TrainerHome>();
        section.WaitForAssertion(() => Assert.Contains("No offers presented in this period.", section.Markup));
        Assert.Empty(section.FindAll("[data-testid=rep-acceptance]"));
        Assert.Contains("Nobody has practised yet.", section.Find("[data-testid=trainer-coaching]").TextContent);
    }

    [Fact]
    public void AdminHome_EmptyDatabase_CountsZeroCustomers_AndShowsTheGettingStartedChecklist()
    {
        Ctx.AddAuthorization().SetAuthorized("admin").SetRoles(Roles.Admin);
        var section = Ctx.Render<AdminHome>();
        section.WaitForAssertion(() => Assert.Contains("Customers", section.Markup));
        Assert.Contains("0", section.FindAll(".kpi-value")[0].TextContent);
        var steps = section.FindAll("[data-testid=getting-started] li");
        Assert.Equal(["UsersAndRoles", "Products", "Customers", "Orders", "Complements", "FirstSegment"], steps.Select(s => s.GetAttribute("data-step")));
        Assert.All(steps, s => Assert.Equal("false", s.GetAttribute("data-done")));
        Assert.Equal("data/import", steps[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("0 of 6 done", section.Find("[data-testid=getting-started]").TextContent);
    }
}
