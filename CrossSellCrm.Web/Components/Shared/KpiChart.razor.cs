using System.Globalization;
using System.Text.Json;
using CrossSellCrm.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CrossSellCrm.Web.Components.Shared;

/// <summary>The one chart component: draws a <see cref="ChartSpec"/> with Chart.js, redraws when the spec changes, destroys the chart when it goes.</summary>
public partial class KpiChart : IAsyncDisposable
{
    [Inject] private IJSRuntime JS { get; set; } = default!;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Parameter, EditorRequired] public ChartSpec Spec { get; set; } = default!;
    [Parameter] public int Height { get; set; } = 280;
    /// <summary>Called with the series and the label index of a clicked bar or point (drill-down).</summary>
    [Parameter] public EventCallback<ChartPoint> OnPointClick { get; set; }
    /// <summary>File name for the CSV export of the chart's data; no export button without it.</summary>
    [Parameter] public string? ExportName { get; set; }
    [Parameter] public string? TestId { get; set; }

    private ElementReference _canvas;
    private DotNetObjectReference<KpiChart>? _self;
    private IJSObjectReference? _module;
    private IJSObjectReference? _chart;
    private string? _drawn;
    private bool _showTable;
    private bool _drawing, _disposed;

    /// <summary>The spec as the JS module receives it (public for tests).</summary>
    public string SpecJson => JsonSerializer.Serialize(Spec with { Locale = CultureInfo.CurrentCulture.Name }, Json);

    /// <summary>
    /// Draws the current spec. Renders keep coming while a draw awaits the browser (a page that loads in steps
    /// renders after each step), so only one draw runs at a time and it loops until what it drew is the spec of
    /// the latest render; a second <c>create</c> on the same canvas is what Chart.js refuses ("Canvas is already in use").
    /// </summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_drawing) return;
        _drawing = true;
        try
        {
            while (!_disposed)
            {
                if (Spec.IsEmpty)
                {
                    // The canvas has left the page: the next data draws a new chart on the new canvas.
                    if (_chart is { } gone)
                    {
                        _chart = null;
                        await _module!.InvokeVoidAsync("destroy", gone);
                        await gone.DisposeAsync();
                        continue; // renders that came meanwhile may have brought data again
                    }
                    _drawn = null;
                    break;
                }
                var json = SpecJson;
                if (json == _drawn) break;
                _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/kpi-chart.js");
                if (_disposed) break;
                var spec = JsonDocument.Parse(json).RootElement;
                if (OnPointClick.HasDelegate) _self ??= DotNetObjectReference.Create(this);
                if (_chart is null) _chart = await _module.InvokeAsync<IJSObjectReference>("create", _canvas, spec, _self);
                else await _module.InvokeVoidAsync("update", _chart, spec);
                _drawn = json;
            }
        }
        finally
        {
            _drawing = false;
        }
        if (_disposed) await ReleaseAsync(); // disposed while the browser was still creating the chart
    }

    [JSInvokable]
    public Task PointClicked(int series, int index) => OnPointClick.InvokeAsync(new ChartPoint(series, index));

    private string Format(ChartSeries series, double? value) => (value, series.SecondAxis ? Spec.Y2Format ?? Spec.Format : Spec.Format) switch
    {
        (null, _) => "—",
        ({ } v, ValueFormat.Currency) => Cultures.Money((decimal)v),
        ({ } v, ValueFormat.Percent) => v.ToString("P1", CultureInfo.CurrentCulture),
        ({ } v, ValueFormat.Count) => v.ToString("N0", CultureInfo.CurrentCulture),
        ({ } v, _) => v.ToString("N1", CultureInfo.CurrentCulture),
    };

    /// <summary>The chart's data as RFC 4180 CSV: a label column, then one column per series (plain numbers, invariant culture; text cells neutralised).</summary>
    public string Csv()
    {
        var rows = new List<string> { Domain.Exports.Csv.Row(new[] { Spec.XAxisTitle ?? "" }.Concat(Spec.Series.Select(s => s.Label)).Select(Domain.Exports.Csv.Text)) };
        for (var i = 0; i < Spec.Labels.Count; i++)
        {
            var row = i;
            rows.Add(Domain.Exports.Csv.Row(new[] { Domain.Exports.Csv.Text(Spec.Labels[row]) }.Concat(Spec.Series.Select(s =>
                Domain.Exports.Csv.Number(row < s.Values.Count ? s.Values[row] : null)))));
        }
        return Domain.Exports.Csv.File(rows);
    }

    private async Task ExportAsync()
    {
        _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/kpi-chart.js");
        await _module.InvokeVoidAsync("download", ExportName, Csv());
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        // A draw in progress releases the chart itself once the browser has answered.
        if (!_drawing) await ReleaseAsync();
    }

    private async Task ReleaseAsync()
    {
        _self?.Dispose();
        var (module, chart) = (_module, _chart);
        (_module, _chart) = (null, null);
        try
        {
            if (module is not null && chart is not null) await module.InvokeVoidAsync("destroy", chart);
            if (chart is not null) await chart.DisposeAsync();
            if (module is not null) await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; the browser has dropped the chart with the page.
        }
    }
}
