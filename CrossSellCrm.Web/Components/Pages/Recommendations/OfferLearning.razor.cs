using System.Globalization;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Domain.Recommendations.Acceptance;
using CrossSellCrm.Web.Components.Shared;
using CrossSellCrm.Web.Localization;
using CrossSellCrm.Web.Recommendations;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrossSellCrm.Web.Components.Pages.Recommendations;

/// <summary>What the engine has learned: the acceptance model's report, then acceptance per offer and segment.</summary>
public partial class OfferLearning
{
    [Inject] private Domain.Recommendations.OfferLearning Learning { get; set; } = default!;
    [Inject] private AcceptanceTrigger Training { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private OfferLearningView? _view;
    private List<(int Id, string Name)> _segments = [];
    private int? _segment;
    private string? _filter;
    private bool _retrainAsked;

    private IEnumerable<OfferLearningRow> Visible => string.IsNullOrWhiteSpace(_filter)
        ? _view!.Rows
        : _view!.Rows.Where(r => r.Product.Contains(_filter.Trim(), StringComparison.CurrentCultureIgnoreCase)
                                 || r.Category.Contains(_filter.Trim(), StringComparison.CurrentCultureIgnoreCase));

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task SegmentChanged(int? segment)
    {
        _segment = segment;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _view = await Learning.ViewAsync(_segment);
        if (_segments.Count == 0 && _segment is null)
            _segments = _view.Rows.Where(r => r.SegmentId != 0).DistinctBy(r => r.SegmentId).Select(r => (r.SegmentId, r.Segment ?? $"#{r.SegmentId}"))
                .OrderBy(s => s.Item2, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>Retraining runs in the background (seconds at the demo's size, under a minute at a million offers); the page says so and does not wait.</summary>
    private void Retrain()
    {
        Training.RequestTraining();
        _retrainAsked = true;
        Snackbar.Add(L["Learning_RetrainAsked"], Severity.Info);
    }

    private string OfferAuc(OfferLearningRow row) => row.Model switch
    {
        { HeldOutAuc: { } auc } s => L["Learning_OfferAucValue", auc.ToString("0.00", CultureInfo.CurrentCulture), s.HeldOut.ToString("N0", CultureInfo.CurrentCulture)],
        { HeldOut: > 0 } s => L["Learning_OfferAucTooFew", s.HeldOut.ToString("N0", CultureInfo.CurrentCulture)],
        _ => "—",
    };

    /// <summary>A feature in the manager's words: its name, its weight, the groups of its values with the most and the fewest acceptances.</summary>
    private string FeatureText(AcceptancePredictor f)
    {
        var name = L[$"Learning_Column_{f.Column}"];
        return L["Learning_Feature", name.ResourceNotFound ? f.Column : name.Value, f.Importance, Level(f.Column, f.Highest), f.Highest.AcceptedShare, f.Highest.Rows,
            Level(f.Column, f.Lowest), f.Lowest.AcceptedShare, f.Lowest.Rows];
    }

    /// <summary>The offer's strongest fact in words: "bought what it goes with in the last 7 days: accepted 1.8× as often".</summary>
    private string FactText(AcceptanceFact fact) => L["Learning_Fact", L[$"Learning_Facet_{fact.Facet.Kind}", fact.Facet.Kind == FacetKind.Channel ? L[$"Privacy_Channel_{fact.Facet.Level}"].Value : fact.Facet.Level], fact.Lift.ToString("0.0", CultureInfo.CurrentCulture),
        fact.Share.ToString("P0", CultureInfo.CurrentCulture), fact.Offers.ToString("N0", CultureInfo.CurrentCulture), fact.OthersShare.ToString("P0", CultureInfo.CurrentCulture)];

    /// <summary>A group of values; a category by its name in the reader's language.</summary>
    private string Level(string column, AcceptanceLevel level) =>
        column == "category" && level.Description is ['\'', .. var inner, '\''] && _view!.Categories.TryGetValue(inner, out var local) ? $"'{local}'" : level.Description;

    /// <summary>The reliability diagram: the held-out offers in ten groups by predicted chance, what the model said and what happened.</summary>
    private ChartSpec ReliabilityChart(AcceptanceReport model) => new()
    {
        Kind = ChartKind.Line, Title = L["Learning_Reliability"], Format = ValueFormat.Percent,
        Labels = [.. model.Reliability.Select(b => b.Predicted.ToString("P0", CultureInfo.CurrentCulture))],
        Series =
        [
            new ChartSeries(L["Learning_Predicted"], [.. model.Reliability.Select(b => (double?)b.Predicted)], "#9e9e9e"),
            new ChartSeries(L["Learning_Observed"], [.. model.Reliability.Select(b => (double?)b.Observed)]),
        ],
        XAxisTitle = L["Learning_PredictedAxis"], YAxisTitle = L["Learning_ObservedAxis"],
    };
}
