using CrossSellCrm.Domain.Localization;
using FluentValidation;

namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>What the `propensity` verb was asked: which file, which column is the outcome, which value of it means "accepted".</summary>
public sealed record PropensityOptions
{
    public required string Target { get; init; }
    public required string Positive { get; init; }
    public IReadOnlyList<string> Drop { get; init; } = [];
    /// <summary>One character, or "tab"; null: detected from the header line.</summary>
    public string? Separator { get; init; }
    public int Folds { get; init; } = 5;
    public int Repeats { get; init; } = 5;
    public AcceptanceLearner Learner { get; init; } = AcceptanceLearner.BoostedTrees;
    /// <summary>Instead of folds: train on the file's first rows and test on this last share (a file in time order, as the offer log exports).</summary>
    public double? HoldoutLast { get; init; }
    /// <summary>With <see cref="HoldoutLast"/>: a column whose per-level acceptance rate (Beta prior) is the baseline, e.g. product.</summary>
    public string? Baseline { get; init; }

    public char? SeparatorChar => Separator switch { null => null, "tab" or "\\t" => '\t', _ => Separator[0] };
}

/// <summary>Checks the options against the file's header: the target and every dropped column must be there.</summary>
public sealed class PropensityOptionsValidator : AbstractValidator<PropensityOptions>
{
    public PropensityOptionsValidator(IReadOnlyList<string> header)
    {
        var columns = string.Join(", ", header);
        RuleFor(o => o.Target).Must(header.Contains).WithMessage(o => Messages.Text("Acceptance_TargetMissing", o.Target, columns));
        RuleFor(o => o.Positive).NotEmpty().WithMessage(_ => Messages.Text("Acceptance_PositiveEmpty"));
        RuleForEach(o => o.Drop).Must(header.Contains).WithMessage((_, column) => Messages.Text("Acceptance_DropMissing", column, columns));
        RuleFor(o => o.Drop).Must((o, drop) => !drop.Contains(o.Target)).WithMessage(o => Messages.Text("Acceptance_DropTarget", o.Target));
        RuleFor(o => o.Folds).InclusiveBetween(2, 20).WithMessage(o => Messages.Text("Acceptance_Folds", o.Folds));
        RuleFor(o => o.Repeats).InclusiveBetween(1, 10).WithMessage(o => Messages.Text("Acceptance_Repeats", o.Repeats));
        RuleFor(o => o.Separator).Must(s => s is null or "tab" or "\\t" || s.Length == 1).WithMessage(o => Messages.Text("Acceptance_Separator", o.Separator));
        RuleFor(o => o).Must(o => header.Any(h => h != o.Target && !o.Drop.Contains(h))).WithMessage(_ => Messages.Text("Acceptance_NoFeatures"));
        RuleFor(o => o.HoldoutLast).Must(s => s is null or >= 0.05 and <= 0.5).WithMessage(o => Messages.Text("Acceptance_HoldoutLast", o.HoldoutLast));
        RuleFor(o => o.Baseline).Must((o, b) => b is null || (header.Contains(b) && !o.Drop.Contains(b) && b != o.Target))
            .WithMessage(o => Messages.Text("Acceptance_BaselineMissing", o.Baseline, columns));
        RuleFor(o => o.Baseline).Null().When(o => o.HoldoutLast is null).WithMessage(_ => Messages.Text("Acceptance_BaselineNeedsHoldout"));
    }
}
