using Bunit;
using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Components.Pages.Home.Components;

namespace CrossSellCrm.Tests.Components;

public class KpiCardTests : ComponentTestBase
{
    [Fact]
    public void Render_ValueWithGrowth_ShowsUpArrowAndPercent()
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
        var card = Ctx.Render<KpiCard>(p => p
            .Add(c => c.Title, "Net revenue").Add(c => c.Definition, "def").Add(c => c.Value, "€1,000")
            .Add(c => c.Change, 0.125).Add(c => c.ChangeLabel, "vs. previous period"));
        Assert.Equal("€1,000", card.Find("[data-testid=kpi-value]").TextContent);
        Assert.Contains("▲", card.Find("[data-testid=kpi-change]").TextContent);
        Assert.Contains("12.5%", card.Find("[data-testid=kpi-change]").TextContent);
    }

    [Fact]
    public void Render_Decline_ShowsDownArrow()
    {
        var card = Ctx.Render<KpiCard>(p => p.Add(c => c.Title, "AOV").Add(c => c.Definition, "d").Add(c => c.Value, "12").Add(c => c.Change, -0.2));
        Assert.Contains("▼", card.Find("[data-testid=kpi-change]").TextContent);
    }

    [Fact]
    public void Render_NoValue_ShowsDashAndTheReasonInsteadOfAChange()
    {
        var card = Ctx.Render<KpiCard>(p => p
            .Add(c => c.Title, "AOV").Add(c => c.Definition, "d").Add(c => c.Value, (string?)null)
            .Add(c => c.Change, 0.3).Add(c => c.EmptyReason, "No orders in this period."));
        Assert.Equal("—", card.Find("[data-testid=kpi-value]").TextContent);
        Assert.Contains("No orders in this period.", card.Markup);
        Assert.Empty(card.FindAll("[data-testid=kpi-change]"));
    }
}
