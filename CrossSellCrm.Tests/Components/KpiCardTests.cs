using Bunit;
using CrossSellCrm.Domain.Kpis;
using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Components.Pages.Home.Components;
using CrossSellCrm.Web.Components.Shared;

namespace CrossSellCrm.Tests.Components;

public class KpiCardTests : ComponentTestBase
{
    private IRenderedComponent<KpiCard> Card(string? value, double? current, double? previous, ValueFormat format = ValueFormat.Number, string? empty = null) =>
        Ctx.Render<KpiCard>(p => p.Add(c => c.Title, "Net revenue").Add(c => c.Definition, "def").Add(c => c.Value, value)
            .Add(c => c.Change, KpiFormulas.ChangeOf(current, previous)).Add(c => c.Format, format).Add(c => c.ChangeLabel, "vs. previous period").Add(c => c.EmptyReason, empty));

    [Fact]
    public void Render_ValueWithGrowth_ShowsUpArrowAndPercent()
    {
        var card = Card("€1,125", 1125, 1000, ValueFormat.Currency);
        Assert.Equal("€1,125", card.Find("[data-testid=kpi-value]").TextContent);
        Assert.Contains("▲", card.Find("[data-testid=kpi-change]").TextContent);
        Assert.Contains("12.5%", card.Find("[data-testid=kpi-change]").TextContent);
    }

    [Fact]
    public void Render_Decline_ShowsDownArrow() => Assert.Contains("▼", Card("12", 12, 15).Find("[data-testid=kpi-change]").TextContent);

    [Fact]
    public void Render_NearZeroBase_ShowsTheAbsoluteChangeNotAHugePercent()
    {
        var change = Card("€900", 900, 0.17, ValueFormat.Currency).Find("[data-testid=kpi-change]");
        Assert.Equal("absolute", change.GetAttribute("data-change"));
        Assert.Contains("▲ +€900", change.TextContent);
        Assert.DoesNotContain("%", change.TextContent);
    }

    [Fact]
    public void Render_RateFromANearZeroBase_ShowsPercentagePoints() =>
        Assert.Contains("▲ +2.9 pp", Card("3.0%", 0.03, 0.001, ValueFormat.Percent).Find("[data-testid=kpi-change]").TextContent);

    [Fact]
    public void Render_NothingBefore_SaysNew()
    {
        var change = Card("€900", 900, 0, ValueFormat.Currency).Find("[data-testid=kpi-change]");
        Assert.Equal("new", change.GetAttribute("data-change"));
        Assert.Contains("new", change.TextContent);
    }

    [Fact]
    public void Render_NoValue_ShowsDashAndTheReasonInsteadOfAChange()
    {
        var card = Card(null, null, 0.3, empty: "No orders in this period.");
        Assert.Equal("—", card.Find("[data-testid=kpi-value]").TextContent);
        Assert.Contains("No orders in this period.", card.Markup);
        Assert.Empty(card.FindAll("[data-testid=kpi-change]"));
    }
}
