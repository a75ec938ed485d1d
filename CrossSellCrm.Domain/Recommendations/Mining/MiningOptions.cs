using FluentValidation;

namespace CrossSellCrm.Domain.Recommendations.Mining;

/// <summary>Thresholds as in R's arules apriori: support and confidence in (0, 1], lengths count items on both sides.</summary>
public sealed record MiningOptions
{
    public double MinSupport { get; init; } = 0.01;
    public double MinConfidence { get; init; } = 0.5;
    /// <summary>Fewest items in a rule (both sides). 1 allows an empty left side.</summary>
    public int MinLength { get; init; } = 1;
    /// <summary>Most items in an itemset or a rule.</summary>
    public int MaxLength { get; init; } = 10;
}

public sealed class MiningOptionsValidator : AbstractValidator<MiningOptions>
{
    public MiningOptionsValidator()
    {
        RuleFor(o => o.MinSupport).Must(v => v > 0 && v <= 1)
            .WithMessage("--min-support must be greater than 0 and at most 1 (was {PropertyValue}).");
        RuleFor(o => o.MinConfidence).Must(v => v > 0 && v <= 1)
            .WithMessage("--min-confidence must be greater than 0 and at most 1 (was {PropertyValue}).");
        RuleFor(o => o.MinLength).InclusiveBetween(1, 100).WithMessage("--min-length must be between 1 and 100 (was {PropertyValue}).");
        RuleFor(o => o.MaxLength).InclusiveBetween(1, 100).WithMessage("--max-length must be between 1 and 100 (was {PropertyValue}).");
        RuleFor(o => o.MaxLength).GreaterThanOrEqualTo(o => o.MinLength)
            .WithMessage("--max-length ({PropertyValue}) must not be below --min-length.");
    }
}
