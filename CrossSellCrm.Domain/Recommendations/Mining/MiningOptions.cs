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
    /// <summary>
    /// Most frequent itemsets a run may find before it stops with <see cref="MiningLimitException"/>. Too low a support on
    /// one big basket makes every combination of its items "frequent": 2,000 items have two million pairs, and memory
    /// grew by 200 MB a second without end. An itemset takes about a hundred bytes; real baskets at sensible thresholds
    /// find thousands (the retail benchmark 19,242 at support 0.0005); a million is far above them and costs about 200 MB.
    /// </summary>
    public int MaxItemsets { get; init; } = 1_000_000;
    /// <summary>
    /// Most rules a run may keep. Each itemset of n items gives up to n rules, so at long lengths rules, not itemsets, fill
    /// memory: the 616,665 itemsets of one 20-item basket gave 5.2 million rules and 2.3 GB. A full million rules (from
    /// 500,500 itemsets) peaked at 380 MB: the two defaults together keep a run well under a gigabyte.
    /// </summary>
    public int MaxRules { get; init; } = 1_000_000;
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
        RuleFor(o => o.MaxItemsets).InclusiveBetween(1, 100_000_000)
            .WithMessage("--max-itemsets must be between 1 and 100,000,000 (was {PropertyValue}).");
        RuleFor(o => o.MaxRules).InclusiveBetween(1, 100_000_000)
            .WithMessage("--max-rules must be between 1 and 100,000,000 (was {PropertyValue}).");
    }
}
