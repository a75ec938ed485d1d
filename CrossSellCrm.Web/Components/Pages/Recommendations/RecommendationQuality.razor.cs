using System.Globalization;
using CrossSellCrm.Domain.Recommendations.Evaluation;
using CrossSellCrm.Domain.Recommendations.Tuning;
using CrossSellCrm.Web.Components.Shared;
using CrossSellCrm.Web.Localization;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CrossSellCrm.Web.Components.Pages.Recommendations;

/// <summary>
/// The manager's view of recommendation quality: an offline evaluation run on demand, the protocol it used, every
/// figure with its interval, who wins, and the margin weight the app ranks with — set here, beside its curve.
/// </summary>
public partial class RecommendationQuality
{
    [Inject] private EvaluationStore Store { get; set; } = default!;
    [Inject] private IServiceScopeFactory Scopes { get; set; } = default!;
    [Inject] private EngineTuningService Tuning { get; set; } = default!;
    [Inject] private ILogger<RecommendationQuality> Logger { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private CultureInfo _culture = CultureInfo.CurrentCulture, _uiCulture = CultureInfo.CurrentUICulture;
    private EvaluationProtocol _protocol = EvaluationProtocol.PostPurchase;
    private EngineTuning? _tuning;
    private double _weight;
    private string? _weightError;

    protected override async Task OnInitializedAsync()
    {
        (_culture, _uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        Store.Changed += OnChanged;
        _protocol = Store.Latest?.Protocol ?? EvaluationProtocol.PostPurchase;
        _tuning = await Tuning.GetAsync();
        _weight = _tuning.MarginWeight;
    }

    private void Run()
    {
        if (!Store.TryStart()) return;
        var options = new EvaluationOptions { Protocol = _protocol, MarginWeight = _tuning?.MarginWeight, MarginCurve = true };
        // Minutes on a large database: off the circuit, in its own scope.
        _ = Task.Run(async () =>
        {
            DatabaseEvaluation? result = null;
            try
            {
                await using var scope = Scopes.CreateAsyncScope();
                result = await scope.ServiceProvider.GetRequiredService<EvaluationService>().RunAsync(options);
            }
            catch (Exception e)
            {
                Logger.LogError(e, "Offline evaluation failed");
            }
            finally
            {
                Store.Finish(result);
            }
        });
    }

    private void WeightChanged(ChangeEventArgs e)
    {
        if (double.TryParse(e.Value?.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var w)) _weight = Math.Round(Math.Clamp(w, 0, 1), 2);
        _weightError = null;
    }

    private async Task SaveWeight()
    {
        if (_tuning is null) return;
        try
        {
            await Tuning.SetMarginWeightAsync(_weight, _tuning.Version);
            _tuning = await Tuning.GetAsync();
            _weightError = null;
            Snackbar.Add(L["Quality_WeightSaved", _weight.ToString("N2", CultureInfo.CurrentCulture)], MudBlazor.Severity.Success);
        }
        catch (ValidationException e)
        {
            _weightError = string.Join(" ", e.Errors.Select(x => x.ErrorMessage));
        }
    }

    private MarginCurvePoint? CurvePointFor(double weight) =>
        Store.Latest?.MarginCurve.FirstOrDefault(p => Math.Abs(p.Weight - weight) < 1e-9);

    private string Interval(double low, double high) =>
        $"{low.ToString("N3", CultureInfo.CurrentCulture)} – {high.ToString("N3", CultureInfo.CurrentCulture)}";

    /// <summary>Who wins, in a sentence: the best hit rate, and whether its lead over each other method is clear.</summary>
    private string Verdict(DatabaseEvaluation run)
    {
        var verdict = run.Report.Verdict;
        if (verdict is not { Count: > 0 }) return L["Quality_VerdictNone"];
        var best = verdict[0].Better;
        var closest = verdict.MinBy(d => d.Difference)!;
        return run.Report.ClearWinner is not null
            ? L["Quality_VerdictClear", L[$"Quality_{best}"], L[$"Quality_{closest.Worse}"], closest.Difference.ToString("N3", CultureInfo.CurrentCulture),
                Interval(closest.Low, closest.High)]
            : L["Quality_VerdictClose", L[$"Quality_{best}"], L[$"Quality_{closest.Worse}"], closest.Difference.ToString("N3", CultureInfo.CurrentCulture),
                Interval(closest.Low, closest.High)];
    }

    private ChartSpec Chart(DatabaseEvaluation run) => new()
    {
        Kind = ChartKind.Bar,
        Title = L["Quality_Chart", run.Report.Results.FirstOrDefault()?.K ?? 0],
        Labels = ["Hit", "Precision", "Recall", "MAP", "NDCG"],
        Series = run.Report.Results.Select(r => new ChartSeries(L[$"Quality_{r.Recommender}"], [r.HitRate, r.Precision, r.Recall, r.Map, r.Ndcg])).ToList(),
        XAxisTitle = L["Quality_Metric"],
        YAxisTitle = L["Quality_Value"],
    };

    /// <summary>What each margin weight costs in hits and earns in margin, on the same cases.</summary>
    private ChartSpec Curve(DatabaseEvaluation run) => new()
    {
        Kind = ChartKind.Line,
        Title = L["Quality_CurveTitle"],
        // Text, not numbers: Chart.js placed numeric-looking labels on a scale of their own, away from their points.
        Labels = run.MarginCurve.Select(p => $"w = {p.Weight.ToString("0.##", CultureInfo.CurrentCulture)}").ToList(),
        Series =
        [
            new ChartSeries(L["Quality_Hit"], run.MarginCurve.Select(p => (double?)p.HitRate).ToList()),
            new ChartSeries(L["Quality_Margin"], run.MarginCurve.Select(p => (double?)p.MarginPerCase).ToList(), SecondAxis: true),
        ],
        XAxisTitle = L["Quality_WeightTitle"],
        YAxisTitle = L["Quality_Hit"],
        Y2AxisTitle = L["Quality_Margin"],
        Y2Format = ValueFormat.Currency,
    };

    // Raised on the evaluation's thread: back onto this circuit, in its culture.
    private void OnChanged() => _ = InvokeAsync(() =>
    {
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (_culture, _uiCulture);
        StateHasChanged();
    });

    public void Dispose() => Store.Changed -= OnChanged;
}
