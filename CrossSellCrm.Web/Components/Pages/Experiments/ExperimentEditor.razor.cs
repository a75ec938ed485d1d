using System.Globalization;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Experiments;
using FluentValidation;
using Microsoft.AspNetCore.Components;

namespace CrossSellCrm.Web.Components.Pages.Experiments;

/// <summary>Plans an experiment: what changes, the arms and their shares, the audience, the primary metric, and the size it needs.</summary>
public partial class ExperimentEditor
{
    [Parameter] public int? Id { get; set; }
    [Inject] private ExperimentService Experiments { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private ExperimentDraft? _draft;
    private ExperimentPlanForm _form = new();
    private ExperimentPlan? _plan;
    private Guid _version;
    private bool _notFound, _saving;
    private string? _error;

    protected override async Task OnParametersSetAsync()
    {
        _draft = await Experiments.DraftAsync(Id);
        if (Id is not null && _draft.Experiment is not { Status: ExperimentStatus.Draft })
        {
            _notFound = true;
            return;
        }
        if (_draft.Experiment is { } e)
        {
            _form = ExperimentPlanForm.From(e);
            _version = e.Version;
        }
        else
        {
            _form = new ExperimentPlanForm { ControlName = L["Experiment_DefaultControlName"], VariantName = L["Experiment_DefaultVariantName"], HoldoutName = L["Experiment_DefaultHoldoutName"] };
            _form.StartFrom(_draft.Defaults);
        }
        await MeasureAsync(keepBaseline: _draft.Experiment is not null);
    }

    private async Task MeasureAsync(bool keepBaseline = false)
    {
        var (baseline, deviation) = (_form.Baseline, _form.Deviation);
        _form.Measured(await Experiments.TrafficAsync(_form.SegmentId, [.. _form.Channels], _form.WindowDays));
        if (keepBaseline) (_form.Baseline, _form.Deviation) = (baseline, deviation);
        Replan();
    }

    private void Replan() => _plan = _form.Plan();

    private void ChangeChanged(ChangeEventArgs e)
    {
        _form.Change = Enum.Parse<ExperimentChange>(e.Value?.ToString() ?? nameof(ExperimentChange.MarginWeight));
        _form.StartFrom(_draft!.Defaults);
        Replan();
    }

    private async Task MetricChanged(ChangeEventArgs e)
    {
        _form.Metric = Enum.Parse<ExperimentMetric>(e.Value?.ToString() ?? nameof(ExperimentMetric.OfferConversion));
        _form.Effect = _form.IsRate ? 5 : 0;
        await MeasureAsync();
    }

    private async Task SegmentChanged(ChangeEventArgs e)
    {
        _form.SegmentId = int.TryParse(e.Value?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;
        await MeasureAsync();
    }

    private async Task ChannelChanged(ContactChannel channel, bool on)
    {
        if (on) _form.Channels.Add(channel); else _form.Channels.Remove(channel);
        await MeasureAsync();
    }

    private Task WindowChanged() => MeasureAsync();

    private async Task SaveAsync(bool start)
    {
        _saving = true;
        _error = null;
        try
        {
            var input = _form.ToInput();
            int id;
            if (Id is { } existing)
            {
                _version = await Experiments.UpdateAsync(existing, input, _version);
                id = existing;
            }
            else id = await Experiments.CreateAsync(input);
            if (start)
            {
                var draft = await Experiments.GetAsync(id);
                await Experiments.StartAsync(id, draft!.Version);
            }
            Navigation.NavigateTo($"experiments/{id}");
        }
        catch (ValidationException e)
        {
            _form.Show(e.Errors);
            _error = string.Join(" ", e.Errors.Select(x => x.ErrorMessage).Distinct());
        }
        finally
        {
            _saving = false;
        }
    }

    private string ValueText(double value) => ArmValueInput.Describe(_form.Change, value, L);

    private string TrafficText() => _form.Traffic.Customers == 0 && _form.Traffic.CustomersPerDay == 0
        ? L["Experiment_TrafficNone"]
        : L["Experiment_Traffic", ExperimentService.TrafficDays, _form.Traffic.CustomersPerDay.ToString("N1", CultureInfo.CurrentCulture),
            _form.Traffic.Customers.ToString("N0", CultureInfo.CurrentCulture)];
}
