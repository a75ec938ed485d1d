using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Localization;
using FluentValidation;

namespace CrossSellCrm.Domain.Experiments;

/// <summary>An experiment as a manager plans it. The arms' keys follow their order: A (the control), B, C…</summary>
public sealed record ExperimentInput
{
    public string Name { get; init; } = "";
    public string? Hypothesis { get; init; }
    public ExperimentChange Change { get; init; }
    public int? SegmentId { get; init; }
    public IReadOnlyList<ContactChannel> Channels { get; init; } = [ContactChannel.Phone, ContactChannel.InStore];
    public ExperimentMetric PrimaryMetric { get; init; }
    public int WindowDays { get; init; } = 14;
    /// <summary>The control's expected value of the primary metric (a rate for conversion, money for revenue and AOV).</summary>
    public double Baseline { get; init; }
    /// <summary>The metric's standard deviation per customer (revenue and AOV only).</summary>
    public double BaselineDeviation { get; init; }
    /// <summary>The smallest difference worth finding, in the metric's unit (percentage points as a fraction for conversion).</summary>
    public double MinimumEffect { get; init; }
    public double Power { get; init; } = 0.8;
    public double Alpha { get; init; } = 0.05;
    public IReadOnlyList<ArmInput> Arms { get; init; } = [];
}

public sealed record ArmInput(string Name, int SharePercent, ArmRole Role, double? Value);

public sealed class ExperimentInputValidator : AbstractValidator<ExperimentInput>
{
    public const int MaxNameLength = 120;
    public const int MaxHypothesisLength = 1000;
    public const int MaxArms = 4;

    public ExperimentInputValidator()
    {
        RuleFor(e => e.Name).NotEmpty().WithMessage(_ => Messages.Text("Experiment_NameRequired"))
            .MaximumLength(MaxNameLength).WithMessage(_ => Messages.Text("Experiment_NameTooLong", MaxNameLength));
        RuleFor(e => e.Hypothesis).MaximumLength(MaxHypothesisLength).WithMessage(_ => Messages.Text("Experiment_HypothesisTooLong", MaxHypothesisLength));
        RuleFor(e => e.Channels).NotEmpty().WithMessage(_ => Messages.Text("Experiment_ChannelsRequired"));
        RuleFor(e => e.WindowDays).InclusiveBetween(1, 90).WithMessage(_ => Messages.Text("Experiment_WindowRange"));
        RuleFor(e => e.Power).InclusiveBetween(0.5, 0.99).WithMessage(_ => Messages.Text("Experiment_PowerRange"));
        RuleFor(e => e.Alpha).InclusiveBetween(0.001, 0.2).WithMessage(_ => Messages.Text("Experiment_AlphaRange"));
        RuleFor(e => e.MinimumEffect).Must(m => m > 0 && double.IsFinite(m)).WithMessage(_ => Messages.Text("Experiment_EffectPositive"));
        When(e => e.PrimaryMetric == ExperimentMetric.OfferConversion, () =>
        {
            RuleFor(e => e.Baseline).Must(b => b > 0 && b < 1).WithMessage(_ => Messages.Text("Experiment_BaselineRate"));
            RuleFor(e => e).Must(e => e.Baseline + e.MinimumEffect < 1).WithName(nameof(ExperimentInput.MinimumEffect))
                .WithMessage(_ => Messages.Text("Experiment_EffectTooLarge"));
        }).Otherwise(() =>
        {
            RuleFor(e => e.Baseline).Must(b => b >= 0 && double.IsFinite(b)).WithMessage(_ => Messages.Text("Experiment_BaselineMoney"));
            RuleFor(e => e.BaselineDeviation).Must(d => d > 0 && double.IsFinite(d)).WithMessage(_ => Messages.Text("Experiment_DeviationPositive"));
        });
        RuleFor(e => e.Arms).Must(a => a.Count is >= 2 and <= MaxArms).WithMessage(_ => Messages.Text("Experiment_ArmCount", MaxArms))
            .DependentRules(() =>
            {
                RuleFor(e => e.Arms).Must(a => a[0].Role == ArmRole.Control && a.Count(x => x.Role == ArmRole.Control) == 1)
                    .WithMessage(_ => Messages.Text("Experiment_OneControlFirst"));
                RuleFor(e => e.Arms).Must(a => a.Count(x => x.Role == ArmRole.Holdout) <= 1).WithMessage(_ => Messages.Text("Experiment_OneHoldout"));
                RuleFor(e => e.Arms).Must(a => a.All(x => x.SharePercent is >= 1 and <= 99) && a.Sum(x => x.SharePercent) == 100)
                    .WithMessage(_ => Messages.Text("Experiment_SharesSum"));
                RuleFor(e => e.Arms).Must(a => a.All(x => !string.IsNullOrWhiteSpace(x.Name) && x.Name.Length <= MaxNameLength))
                    .WithMessage(_ => Messages.Text("Experiment_ArmNameRequired"));
                RuleFor(e => e).Must(e => e.Change != ExperimentChange.Holdout || e.Arms.All(a => a.Role != ArmRole.Variant) && e.Arms.Any(a => a.Role == ArmRole.Holdout))
                    .WithName(nameof(ExperimentInput.Arms)).WithMessage(_ => Messages.Text("Experiment_HoldoutArms"));
                RuleFor(e => e).Must(e => e.Change == ExperimentChange.Holdout || e.Arms.Any(a => a.Role == ArmRole.Variant))
                    .WithName(nameof(ExperimentInput.Arms)).WithMessage(_ => Messages.Text("Experiment_VariantNeeded"));
                RuleFor(e => e).Must(e => e.Arms.Where(a => a.Role != ArmRole.Holdout).All(a => InRange(e.Change, a.Value)))
                    .WithName(nameof(ExperimentInput.Arms)).WithMessage(e => Messages.Text("Experiment_ValueRange_" + e.Change));
                RuleFor(e => e).Must(e => e.Arms.Where(a => a.Role != ArmRole.Holdout).Select(a => a.Value).Distinct().Count() == e.Arms.Count(a => a.Role != ArmRole.Holdout))
                    .When(e => e.Change != ExperimentChange.Holdout)
                    .WithName(nameof(ExperimentInput.Arms)).WithMessage(_ => Messages.Text("Experiment_ValuesDiffer"));
            });
    }

    /// <summary>The range of the changed thing's value (a holdout experiment's control keeps the default: no value).</summary>
    public static bool InRange(ExperimentChange change, double? value) => change switch
    {
        ExperimentChange.Holdout => value is null,
        ExperimentChange.MarginWeight => value is >= 0 and <= 1,
        ExperimentChange.Diversity => value is >= 0.3 and <= 1,
        ExperimentChange.Model or ExperimentChange.TalkingPoints => value is 0 or 1,
        ExperimentChange.BundleDiscount => value is >= 0 and <= 50,
        _ => false,
    };
}
