using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Experiments;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Domain.Recommendations.Tuning;
using FluentValidation.Results;

namespace CrossSellCrm.Web.Components.Pages.Experiments;

/// <summary>
/// The plan form's state: what the manager types (rates in per cent, money as amounts, shares per arm), the input it
/// makes for the service, its errors by field, and the sample-size plan at the audience's traffic.
/// </summary>
public sealed class ExperimentPlanForm
{
    public string Name { get; set; } = "";
    public string? Hypothesis { get; set; }
    public ExperimentChange Change { get; set; } = ExperimentChange.MarginWeight;
    public int? SegmentId { get; set; }
    public HashSet<ContactChannel> Channels { get; } = [ContactChannel.Phone, ContactChannel.InStore];
    public ExperimentMetric Metric { get; set; } = ExperimentMetric.OfferConversion;
    public int WindowDays { get; set; } = 14;
    /// <summary>Conversion: per cent; revenue and AOV: money.</summary>
    public double Baseline { get; set; }
    public double Deviation { get; set; }
    /// <summary>Conversion: percentage points; revenue and AOV: money.</summary>
    public double Effect { get; set; } = 5;
    public int PowerPercent { get; set; } = 80;
    public double ControlValue { get; set; }
    public double VariantValue { get; set; }
    public int ControlShare { get; set; } = 45;
    public int VariantShare { get; set; } = 45;
    /// <summary>0: no holdout arm.</summary>
    public int HoldoutShare { get; set; } = 10;
    public string ControlName { get; set; } = "";
    public string VariantName { get; set; } = "";
    public string HoldoutName { get; set; } = "";

    public ExperimentTraffic Traffic { get; private set; } = ExperimentTraffic.None;
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public bool IsRate => Metric == ExperimentMetric.OfferConversion;
    public bool HasVariant => Change != ExperimentChange.Holdout;

    /// <summary>The control keeps today's default; the variant starts one sensible step away from it.</summary>
    public void StartFrom(OfferStrategy defaults)
    {
        (ControlValue, VariantValue) = Change switch
        {
            ExperimentChange.MarginWeight => (defaults.MarginWeight, defaults.MarginWeight >= 0.5 ? 0 : 0.6),
            ExperimentChange.Diversity => (defaults.SameCategoryPenalty, defaults.SameCategoryPenalty >= 0.8 ? 0.5 : 0.9),
            ExperimentChange.Model => (defaults.UseModel ? 1 : 0, defaults.UseModel ? 0 : 1),
            ExperimentChange.TalkingPoints => ((int)defaults.TalkingPoints, defaults.TalkingPoints == TalkingPointStyle.Standard ? 1 : 0),
            ExperimentChange.BundleDiscount => (defaults.BundleDiscountPercent ?? 0, (defaults.BundleDiscountPercent ?? 0) >= 10 ? 0 : 10),
            _ => (0, 0),
        };
        if (!HasVariant) (ControlShare, VariantShare, HoldoutShare) = (90, 0, 10);
        else if (VariantShare == 0) (ControlShare, VariantShare) = (45, 45);
    }

    /// <summary>The audience's recent past: the baseline (and its spread) of the chosen metric is taken from it.</summary>
    public void Measured(ExperimentTraffic traffic)
    {
        Traffic = traffic;
        var (baseline, deviation) = traffic.Of(Metric);
        Baseline = Math.Round(IsRate ? baseline * 100 : baseline, 2);
        Deviation = Math.Round(deviation, 2);
        if (!IsRate && Effect <= 0) Effect = Math.Max(1, Math.Round(baseline * 0.1, 0));
    }

    public ExperimentInput ToInput()
    {
        var arms = new List<ArmInput> { new(ControlName, ControlShare, ArmRole.Control, HasVariant ? ControlValue : null) };
        if (HasVariant) arms.Add(new ArmInput(VariantName, VariantShare, ArmRole.Variant, VariantValue));
        if (HoldoutShare > 0 || !HasVariant) arms.Add(new ArmInput(HoldoutName, HoldoutShare, ArmRole.Holdout, null));
        return new ExperimentInput
        {
            Name = Name, Hypothesis = Hypothesis, Change = Change, SegmentId = SegmentId, Channels = [.. Channels], PrimaryMetric = Metric,
            WindowDays = WindowDays, Baseline = IsRate ? Baseline / 100 : Baseline, BaselineDeviation = Deviation,
            MinimumEffect = IsRate ? Effect / 100 : Effect, Power = PowerPercent / 100.0, Arms = arms,
        };
    }

    /// <summary>
    /// The plan, or null while what it is computed from is invalid (the errors say why). The name is not part of the plan:
    /// an empty one is said on saving, not while the manager is still sizing the test.
    /// </summary>
    public ExperimentPlan? Plan()
    {
        var input = ToInput();
        var failures = new ExperimentInputValidator().Validate(input).Errors
            .Where(f => f.PropertyName is not (nameof(ExperimentInput.Name) or nameof(ExperimentInput.Hypothesis))).ToList();
        Errors = ByField(failures);
        return failures.Count == 0 ? ExperimentPlan.For(input, Traffic.CustomersPerDay) : null;
    }

    public void Show(IEnumerable<ValidationFailure> failures) => Errors = ByField(failures);

    public string? Error(string field) => Errors.GetValueOrDefault(field);

    private static Dictionary<string, string> ByField(IEnumerable<ValidationFailure> failures) =>
        failures.GroupBy(f => f.PropertyName).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(f => f.ErrorMessage).Distinct()));

    public static ExperimentPlanForm From(Experiment e)
    {
        var control = e.Arms.First(a => a.Role == ArmRole.Control);
        var variant = e.Arms.FirstOrDefault(a => a.Role == ArmRole.Variant);
        var holdout = e.Arms.FirstOrDefault(a => a.Role == ArmRole.Holdout);
        var form = new ExperimentPlanForm
        {
            Name = e.Name, Hypothesis = e.Hypothesis, Change = e.Change, SegmentId = e.SegmentId, Metric = e.PrimaryMetric, WindowDays = e.WindowDays,
            Baseline = e.PrimaryMetric == ExperimentMetric.OfferConversion ? e.Baseline * 100 : e.Baseline, Deviation = e.BaselineDeviation,
            Effect = e.PrimaryMetric == ExperimentMetric.OfferConversion ? e.MinimumEffect * 100 : e.MinimumEffect, PowerPercent = (int)Math.Round(e.Power * 100),
            ControlValue = control.Value ?? 0, VariantValue = variant?.Value ?? 0, ControlShare = control.SharePercent, VariantShare = variant?.SharePercent ?? 0,
            HoldoutShare = holdout?.SharePercent ?? 0, ControlName = control.Name, VariantName = variant?.Name ?? "", HoldoutName = holdout?.Name ?? "",
        };
        form.Channels.Clear();
        foreach (var c in e.ChannelList) form.Channels.Add(c);
        return form;
    }
}
