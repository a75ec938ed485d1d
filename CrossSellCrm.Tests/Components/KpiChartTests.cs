using System.Globalization;
using System.Text.Json;
using Bunit;
using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Components.Shared;

namespace CrossSellCrm.Tests.Components;

public class KpiChartTests : ComponentTestBase
{
    private readonly BunitJSModuleInterop _module;

    public KpiChartTests()
    {
        _module = Ctx.JSInterop.SetupModule("./js/kpi-chart.js");
        _module.SetupModule(i => i.Identifier == "create"); // the chart instance the module returns
        _module.SetupVoid("update", _ => true).SetVoidResult();
        _module.SetupVoid("destroy", _ => true).SetVoidResult();
    }

    private static ChartSpec Revenue(params double?[] values) => new()
    {
        Kind = ChartKind.Bar,
        Title = "Net revenue by month",
        Labels = values.Select((_, i) => $"M{i + 1}").ToList(),
        Series = [new ChartSeries("Revenue", values)],
        XAxisTitle = "Month",
        YAxisTitle = "Net revenue (€)",
        Format = ValueFormat.Currency,
    };

    [Fact]
    public void Render_FirstTime_CreatesTheChartWithTheSpec()
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        var chart = Ctx.Render<KpiChart>(p => p.Add(c => c.Spec, Revenue(1200, 900.5)));

        var create = Assert.Single(_module.Invocations, i => i.Identifier == "create");
        var spec = (JsonElement)create.Arguments[1]!;
        Assert.Equal("bar", spec.GetProperty("kind").GetString());
        Assert.Equal("currency", spec.GetProperty("format").GetString());
        Assert.Equal("de-DE", spec.GetProperty("locale").GetString());
        Assert.Equal("Net revenue (€)", spec.GetProperty("yAxisTitle").GetString());
        Assert.Equal(900.5, spec.GetProperty("series")[0].GetProperty("values")[1].GetDouble());
        Assert.NotNull(chart.Find("canvas[role=img][aria-label='Net revenue by month']"));
    }

    [Fact]
    public void Render_NewData_UpdatesTheSameChart()
    {
        var chart = Ctx.Render<KpiChart>(p => p.Add(c => c.Spec, Revenue(1, 2)));
        chart.Render(p => p.Add(c => c.Spec, Revenue(3, 4)));

        Assert.Single(_module.Invocations, i => i.Identifier == "create");
        var update = Assert.Single(_module.Invocations, i => i.Identifier == "update");
        Assert.Equal(4, ((JsonElement)update.Arguments[1]!).GetProperty("series")[0].GetProperty("values")[1].GetDouble());
    }

    [Fact]
    public void Render_SameData_DoesNotRedraw()
    {
        var chart = Ctx.Render<KpiChart>(p => p.Add(c => c.Spec, Revenue(1, 2)));
        chart.Render(p => p.Add(c => c.Spec, Revenue(1, 2)));
        Assert.DoesNotContain(_module.Invocations, i => i.Identifier == "update");
    }

    [Fact]
    public async Task Dispose_DestroysTheChart()
    {
        var chart = Ctx.Render<KpiChart>(p => p.Add(c => c.Spec, Revenue(1, 2)));
        await chart.Instance.DisposeAsync();
        Assert.Single(_module.Invocations, i => i.Identifier == "destroy");
    }

    [Fact]
    public void DataTable_Toggled_ShowsEveryValueFormattedPerCulture()
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        var chart = Ctx.Render<KpiChart>(p => p.Add(c => c.Spec, Revenue(1234.4, null)));
        Assert.Empty(chart.FindAll("[data-testid=chart-table]"));

        chart.Find("input[type=checkbox]").Change(true);

        var rows = chart.FindAll("[data-testid=chart-table] tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("1.234 €", rows[0].TextContent);
        Assert.Contains("—", rows[1].TextContent);
        Assert.Contains("Datentabelle anzeigen", chart.Markup);
    }

    [Fact]
    public async Task Click_OnABar_ReachesTheDrillDownCallback()
    {
        ChartPoint? clicked = null;
        var chart = Ctx.Render<KpiChart>(p => p.Add(c => c.Spec, Revenue(1, 2)).Add(c => c.OnPointClick, (ChartPoint point) => clicked = point));
        var create = Assert.Single(_module.Invocations, i => i.Identifier == "create");
        Assert.NotNull(create.Arguments[2]); // the component listens for clicks
        await chart.InvokeAsync(() => chart.Instance.PointClicked(0, 1));
        Assert.Equal(new ChartPoint(0, 1), clicked);
    }

    [Fact]
    public void Render_WithoutDrillDown_PassesNoListener()
    {
        Ctx.Render<KpiChart>(p => p.Add(c => c.Spec, Revenue(1)));
        Assert.Null(Assert.Single(_module.Invocations, i => i.Identifier == "create").Arguments[2]);
    }

    [Fact]
    public void SecondAxis_IsInTheSpecForTheModule()
    {
        Ctx.Render<KpiChart>(p => p.Add(c => c.Spec, Revenue(1, 2) with
        {
            Series = [new ChartSeries("Revenue", [1, 2]), new ChartSeries("AOV", [10, 20], SecondAxis: true)], Y2AxisTitle = "AOV (€)",
        }));
        var spec = (JsonElement)Assert.Single(_module.Invocations, i => i.Identifier == "create").Arguments[1]!;
        Assert.True(spec.GetProperty("series")[1].GetProperty("secondAxis").GetBoolean());
        Assert.Equal("AOV (€)", spec.GetProperty("y2AxisTitle").GetString());
    }

    [Fact]
    public void Csv_QuotesLabelsAndWritesInvariantNumbers()
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        var chart = Ctx.Render<KpiChart>(p => p.Add(c => c.Spec, Revenue(1234.5, null) with { Labels = ["Jan, 2026", "Feb \"26\""] }).Add(c => c.ExportName, "x.csv"));
        Assert.Equal("Month,Revenue\r\n\"Jan, 2026\",1234.5\r\n\"Feb \"\"26\"\"\",\r\n", chart.Instance.Csv());
        Assert.NotNull(chart.Find("[data-testid=chart-export]"));
    }

    [Fact]
    public void Render_NoValues_SaysSoAndDrawsNothing()
    {
        var chart = Ctx.Render<KpiChart>(p => p.Add(c => c.Spec, Revenue(null, null)));
        Assert.Contains("No data for this selection.", chart.Find("[data-testid=chart-empty]").TextContent);
        Assert.Empty(chart.FindAll("canvas"));
        Assert.DoesNotContain(_module.Invocations, i => i.Identifier == "create");
    }

    [Fact]
    public void Render_APartialPeriod_IsSentToTheChartAndExplained()
    {
        var chart = Ctx.Render<KpiChart>(p => p.Add(c => c.Spec, Revenue(1200, 300) with { Partial = [false, true] }));
        var spec = (JsonElement)Assert.Single(_module.Invocations, i => i.Identifier == "create").Arguments[1]!;
        Assert.Equal([false, true], spec.GetProperty("partial").EnumerateArray().Select(e => e.GetBoolean()));
        Assert.Contains("not complete", chart.Find("[data-testid=chart-partial]").TextContent);
    }

    [Fact]
    public void Csv_FormulaLikeLabels_AreNeutralised_NegativeNumbersStayNumbers()
    {
        var chart = Ctx.Render<KpiChart>(p => p.Add(c => c.Spec, Revenue(-12.5, 3) with
        {
            Labels = ["=HYPERLINK(\"http://evil.example\",\"x\")", "-2+3"], Series = [new ChartSeries("@Revenue", [-12.5, 3])],
        }).Add(c => c.ExportName, "x.csv"));
        Assert.Equal("Month,'@Revenue\r\n\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",-12.5\r\n'-2+3,3\r\n", chart.Instance.Csv());
    }
}
