using FluentValidation;

namespace CrossSellCrm.Domain.Recommendations.Evaluation;

/// <summary>
/// The ranges say what a sensible value is, and are written so that NaN fails them too (every comparison with NaN is
/// false): "not outside the range" would let NaN through to a split that never happens.
/// </summary>
public sealed class EvaluationOptionsValidator : AbstractValidator<EvaluationOptions>
{
    public EvaluationOptionsValidator()
    {
        RuleFor(o => o.K).InclusiveBetween(1, 50).WithMessage("--k must be between 1 and 50 (was {PropertyValue}).");
        RuleFor(o => o.TrainFraction).Must(f => f > 0 && f < 1)
            .WithMessage("--train-fraction must be greater than 0 and less than 1 (was {PropertyValue}).");
        RuleFor(o => o.MinSupport).Must(s => s is not { } support || (support > 0 && support <= 1))
            .WithMessage("--min-support must be greater than 0 and at most 1 (was {PropertyValue}).");
        RuleFor(o => o.HorizonDays).InclusiveBetween(1, 3650).WithMessage("--horizon-days must be between 1 and 3650 (was {PropertyValue}).");
        RuleFor(o => o.MarginWeight).Must(w => w is not { } weight || (weight >= 0 && weight <= 1))
            .WithMessage("The margin weight must be between 0 and 1 (was {PropertyValue}).");
        RuleFor(o => o.Protocol).IsInEnum().WithMessage("--protocol must be post-purchase, horizon, window or basket-completion.");
    }
}
