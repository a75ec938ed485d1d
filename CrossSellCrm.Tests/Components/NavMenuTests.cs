using Bunit;
using CrossSellCrm.Domain.Users;
using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Components.Layout;

namespace CrossSellCrm.Tests.Components;

public class NavMenuTests : ComponentTestBase
{
    [Fact]
    public void Render_Admin_SeesTheAdministrationGroup()
    {
        Ctx.AddAuthorization().SetAuthorized("admin@crm.example").SetRoles(Roles.Admin);
        var nav = Ctx.Render<NavMenu>();
        Assert.NotEmpty(nav.FindAll("[data-testid=nav-users]"));
    }

    [Theory]
    [InlineData(Roles.Sales)]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Trainer)]
    public void Render_OtherRoles_DoNotSeeAdministration(string role)
    {
        Ctx.AddAuthorization().SetAuthorized("someone").SetRoles(role);
        var nav = Ctx.Render<NavMenu>();
        Assert.Empty(nav.FindAll("[data-testid=nav-users]"));
        Assert.Contains("Home", nav.Markup);
    }

    [Fact]
    public void Render_Layout_HasCultureMenuThemeToggleAndSignOut()
    {
        Ctx.AddAuthorization().SetAuthorized("mara.schulz@crm.example").SetRoles(Roles.Manager);
        Ctx.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        var layout = Ctx.Render<MainLayout>(p => p.Add(l => l.Body, b => b.AddContent(0, "page body")));
        Assert.NotNull(layout.Find("[data-testid=theme-toggle]"));
        Assert.NotNull(layout.Find("[data-testid=sign-out]"));
        Assert.Equal("mara.schulz@crm.example", layout.Find("[data-testid=signed-in-user]").TextContent);
        Assert.Contains("page body", layout.Markup);
    }

    [Fact]
    public void ThemeToggle_Clicked_RemembersDarkModeInTheBrowser()
    {
        Ctx.AddAuthorization().SetAuthorized("x").SetRoles(Roles.Sales);
        Ctx.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        var layout = Ctx.Render<MainLayout>(p => p.Add(l => l.Body, b => b.AddContent(0, "x")));
        layout.Find("[data-testid=theme-toggle]").Click();
        Assert.Contains(Ctx.JSInterop.Invocations, i => i.Identifier == "localStorage.setItem" && (string?)i.Arguments[1] == "1");
    }

    [Fact]
    public void Render_LayoutStatically_ForTheAccountPages_HasPlainLanguageLinksAndNoToggles()
    {
        Ctx.AddAuthorization().SetAuthorized("mara.schulz@crm.example").SetRoles(Roles.Manager);
        Ctx.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));
        var layout = Ctx.Render<MainLayout>(p => p.Add(l => l.Body, b => b.AddContent(0, "account page")));
        Assert.Empty(layout.FindAll("[data-testid=theme-toggle]"));
        Assert.Equal("DE", layout.Find("a[data-testid=culture-de]").TextContent);
        Assert.NotNull(layout.Find("[data-testid=sign-out]"));
    }

    [Fact]
    public void Render_MarksTheCurrentPage_AndFollowsNavigation()
    {
        Ctx.AddAuthorization().SetAuthorized("mara.schulz@crm.example").SetRoles(Roles.Manager);
        var navigation = Ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("segments");
        var nav = Ctx.Render<NavMenu>();
        Assert.Contains("active", nav.Find("[data-testid=nav-segments]").ClassName);
        navigation.NavigateTo("segments/compare"); // "segments" matches the whole path only…
        Assert.DoesNotContain("active", nav.Find("[data-testid=nav-segments]").ClassName);
        Assert.Contains("active", nav.Find("[data-testid=nav-compare]").ClassName);
        Assert.Equal("page", nav.Find("[data-testid=nav-compare]").GetAttribute("aria-current"));
        navigation.NavigateTo("kpis?period=month");
        Assert.Contains("active", nav.Find("[data-testid=nav-dashboard]").ClassName);   // …the others their pages below too
        Assert.Empty(nav.FindComponents<Microsoft.AspNetCore.Components.Routing.NavLink>()); // plain links, no component per entry
    }

    [Fact]
    public async Task Render_Layout_ThemeStyleIsTheSameTextForEveryCircuit_AndFollowsDarkMode()
    {
        Ctx.AddAuthorization().SetAuthorized("x").SetRoles(Roles.Sales);
        Ctx.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        var light = Ctx.Render<AppTheme>(p => p.Add(t => t.IsDarkMode, false));
        var style = light.Find("style.mud-theme-provider").TextContent;
        Assert.Contains("--mud-palette-primary: rgba(57,73,171,1)", style); // the app's primary colour, #3949ab
        Assert.Empty(light.FindComponents<MudBlazor.MudThemeProvider>());

        light.Render(p => p.Add(t => t.IsDarkMode, true));
        Assert.Contains("--mud-palette-primary: rgba(121,134,203,1)", light.Find("style.mud-theme-provider").TextContent); // #7986cb
        var other = Ctx.Render<AppTheme>(p => p.Add(t => t.IsDarkMode, false));
        var loggers = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        Assert.Same(await ThemeStyle.ForAsync(false, Ctx.Services, loggers), await ThemeStyle.ForAsync(false, Ctx.Services, loggers)); // rendered once
        Assert.Equal(style, other.Find("style.mud-theme-provider").TextContent);
    }
}
