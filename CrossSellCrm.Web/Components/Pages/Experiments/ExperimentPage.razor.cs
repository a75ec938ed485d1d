using System.Globalization;
using CrossSellCrm.Domain.Experiments;
using CrossSellCrm.Web.Components.Shared;
using CrossSellCrm.Web.Localization;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrossSellCrm.Web.Components.Pages.Experiments;

/// <summary>An experiment's results: per arm, every arm against the control with intervals, the cumulative lift, and the verdict.</summary>
public partial class ExperimentPage
{
    [Parameter] public int Id { get; set; }
    [Inject] private ExperimentService Experiments { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private ExperimentReport? _report;
    private bool _notFound, _busy;
    private string? _error;

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        _report = await Experiments.ReportAsync(Id);
        _notFound = _report is null;
    }

    private Task StartAsync() => ActAsync(e => Experiments.StartAsync(e.Id, e.Version));

    private async Task StopAsync()
    {
        if (await Dialogs.ShowMessageBoxAsync(L["Experiment_StopTitle"], L["Experiment_StopConfirm"], L["Experiment_Stop"], cancelText: L["Cancel"]) != true) return;
        await ActAsync(e => Experiments.StopAsync(e.Id, e.Version));
    }

    private async Task PromoteAsync(string arm)
    {
        if (await Dialogs.ShowMessageBoxAsync(L["Experiment_PromoteTitle"], L["Experiment_PromoteConfirm", arm, ArmValue(_report!.Experiment, arm)],
                L["Experiment_Promote"], cancelText: L["Cancel"]) != true) return;
        await ActAsync(e => Experiments.PromoteAsync(e.Id, arm, e.Version));
    }

    private async Task ActAsync(Func<Experiment, Task<Guid>> act)
    {
        if (_report is null) return;
        _busy = true;
        _error = null;
        try
        {
            await act(_report.Experiment);
        }
        catch (ValidationException e)
        {
            _error = string.Join(" ", e.Errors.Select(x => x.ErrorMessage).Distinct());
        }
        finally
        {
            _busy = false;
        }
        await LoadAsync();
    }

    private string Audience(ExperimentReport r)
    {
        var e = r.Experiment;
        var channels = string.Join(", ", e.ChannelList.Select(c => L[$"Privacy_Channel_{c}"].Value));
        return L["Experiment_AudienceText", L[$"Experiment_Change_{e.Change}"], r.SegmentName ?? L["Experiment_EveryCustomer"], channels, e.WindowDays,
            e.PlannedCustomers.ToString("N0", CultureInfo.CurrentCulture)];
    }

    private string ArmValue(Experiment e, string key)
    {
        var arm = e.Arms.First(a => a.Key == key);
        return arm.Role == ArmRole.Holdout ? L["Experiment_NoProactiveOffer"] : e.Change == ExperimentChange.Holdout ? L["Experiment_Value_Default"] : ArmValueInput.Describe(e.Change, arm.Value, L);
    }

    private static MudBlazor.Severity VerdictSeverity(ExperimentReport r) =>
        r.Results.Verdicts.Any(v => v.Kind is VerdictKind.Better or VerdictKind.Worse) ? MudBlazor.Severity.Success
        : r.Results.Verdicts.Any(v => v.Kind == VerdictKind.StoppedEarly) ? MudBlazor.Severity.Warning : MudBlazor.Severity.Info;

    /// <summary>One sentence per arm against the control; while collecting, one sentence on when the verdict comes and why not before.</summary>
    private IEnumerable<string> VerdictLines(ExperimentReport r)
    {
        var e = r.Experiment;
        var results = r.Results;
        if (e.Status == ExperimentStatus.Draft)
        {
            var total = r.Plan.TotalCustomers.ToString("N0", CultureInfo.CurrentCulture);
            yield return r.Plan.Days is { } days ? L["Experiment_VerdictDraft", total, L.Plural("Experiment_Days", days)] : L["Experiment_VerdictDraftNoTraffic", total];
            yield break;
        }
        foreach (var v in results.Verdicts)
        {
            var c = results.Primary(v.Arm, e.PrimaryMetric);
            var metric = L[$"Experiment_Metric_{e.PrimaryMetric}"];
            switch (v.Kind)
            {
                case VerdictKind.Collecting:
                    yield return results.Enrolled < results.Planned
                        ? L["Experiment_VerdictCollecting", v.Arm, results.Enrolled.ToString("N0", CultureInfo.CurrentCulture), results.Planned.ToString("N0", CultureInfo.CurrentCulture)]
                        : L["Experiment_VerdictWindows", v.Arm, results.WindowsOpen.ToString("N0", CultureInfo.CurrentCulture), results.VerdictDue?.ToLocalTime().ToString("d", CultureInfo.CurrentCulture) ?? "—"];
                    break;
                case VerdictKind.StoppedEarly:
                    yield return L["Experiment_VerdictStoppedEarly", v.Arm, results.Enrolled.ToString("N0", CultureInfo.CurrentCulture), results.Planned.ToString("N0", CultureInfo.CurrentCulture)];
                    break;
                case VerdictKind.Better or VerdictKind.Worse when c is not null:
                    yield return L[v.Kind == VerdictKind.Better ? "Experiment_VerdictBetter" : "Experiment_VerdictWorse", v.Arm, metric,
                        Amount(e.PrimaryMetric, c.Difference, true), $"{Amount(e.PrimaryMetric, c.Low, true)} … {Amount(e.PrimaryMetric, c.High, true)}", PValue(c.P)];
                    break;
                default:
                    yield return L["Experiment_VerdictNoDifference", v.Arm, metric, c is null ? "—" : $"{Amount(e.PrimaryMetric, c.Low, true)} … {Amount(e.PrimaryMetric, c.High, true)}"];
                    break;
            }
        }
        if (!results.Final && e.Status == ExperimentStatus.Running) yield return L["Experiment_NoPeeking"];
    }

    private string Amount(ExperimentMetric metric, double value, bool signed)
    {
        var sign = signed && value > 0 ? "+" : "";
        return metric == ExperimentMetric.OfferConversion
            ? sign + L["Experiment_Points", (value * 100).ToString("N1", CultureInfo.CurrentCulture)]
            : sign + Cultures.Money2((decimal)value);
    }

    private static string Relative(ArmComparison c) => c.RelativeLift is not { } lift ? "—"
        : $"{(lift > 0 ? "+" : "")}{lift.ToString("P0", CultureInfo.CurrentCulture)} ({c.RelativeLow?.ToString("P0", CultureInfo.CurrentCulture)} … {c.RelativeHigh?.ToString("P0", CultureInfo.CurrentCulture)})";

    private static string PValue(double p) => p < 0.001 ? "< 0.001".Replace(".", CultureInfo.CurrentCulture.NumberFormat.NumberDecimalSeparator) : p.ToString("N3", CultureInfo.CurrentCulture);

    private ChartSpec LiftChart(ExperimentReport r)
    {
        var e = r.Experiment;
        var days = r.Results.Lift.Select(p => p.Day).Distinct().Order().ToList();
        var scale = e.PrimaryMetric == ExperimentMetric.OfferConversion ? 100.0 : 1.0;
        var series = new List<ChartSeries>();
        foreach (var arm in r.Results.Lift.Select(p => p.Arm).Distinct())
        {
            var points = r.Results.Lift.Where(p => p.Arm == arm).ToDictionary(p => p.Day);
            double? At(DateOnly d, Func<LiftPoint, double> f) => points.TryGetValue(d, out var p) ? f(p) * scale : null;
            series.Add(new ChartSeries(L["Experiment_LiftSeries", arm], [.. days.Select(d => At(d, p => p.Difference))]));
            series.Add(new ChartSeries(L["Experiment_LiftLow", arm], [.. days.Select(d => At(d, p => p.Low))], "#9e9e9e"));
            series.Add(new ChartSeries(L["Experiment_LiftHigh", arm], [.. days.Select(d => At(d, p => p.High))], "#9e9e9e"));
        }
        return new ChartSpec
        {
            Kind = ChartKind.Line, Title = L["Experiment_LiftChart", L[$"Experiment_Metric_{e.PrimaryMetric}"]],
            Labels = [.. days.Select(d => d.ToString("d", CultureInfo.CurrentCulture))], Series = series,
            XAxisTitle = L["Experiment_EnrolledUntil"],
            YAxisTitle = e.PrimaryMetric == ExperimentMetric.OfferConversion ? L["Experiment_DifferencePoints"] : L["Experiment_DifferenceMoney"],
            Format = e.PrimaryMetric == ExperimentMetric.OfferConversion ? ValueFormat.Number : ValueFormat.Currency,
        };
    }
}
