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

    /// <summary>
    /// What is wrong with these options, one message each, in the `mine` verb's option names; none when they are fine.
    /// The rules of <see cref="MiningOptionsValidator"/>, written as plain checks so that the verb need not start
    /// FluentValidation: building a validator compiles an expression per rule and runs the library's code unoptimised,
    /// 40-50 ms of a run that takes a third of a second. Ranges are written so that NaN fails them (every comparison
    /// with NaN is false); a value in a message is written as FluentValidation writes it (current culture).
    /// </summary>
    public List<OptionProblem> Problems()
    {
        var problems = new List<OptionProblem>();
        if (!(MinSupport > 0 && MinSupport <= 1))
            problems.Add(new(nameof(MinSupport), $"--min-support must be greater than 0 and at most 1 (was {MinSupport})."));
        if (!(MinConfidence > 0 && MinConfidence <= 1))
            problems.Add(new(nameof(MinConfidence), $"--min-confidence must be greater than 0 and at most 1 (was {MinConfidence})."));
        if (MinLength is < 1 or > 100) problems.Add(new(nameof(MinLength), $"--min-length must be between 1 and 100 (was {MinLength})."));
        if (MaxLength is < 1 or > 100) problems.Add(new(nameof(MaxLength), $"--max-length must be between 1 and 100 (was {MaxLength})."));
        if (MaxLength < MinLength) problems.Add(new(nameof(MaxLength), $"--max-length ({MaxLength}) must not be below --min-length."));
        if (MaxItemsets is < 1 or > 100_000_000)
            problems.Add(new(nameof(MaxItemsets), $"--max-itemsets must be between 1 and 100,000,000 (was {MaxItemsets})."));
        if (MaxRules is < 1 or > 100_000_000) problems.Add(new(nameof(MaxRules), $"--max-rules must be between 1 and 100,000,000 (was {MaxRules})."));
        return problems;
    }
}

/// <summary>One broken rule of an options record: the property and what to tell the user.</summary>
public readonly record struct OptionProblem(string Property, string Message);

/// <summary>The rules of <see cref="MiningOptions.Problems"/>, for the app's settings and wherever a validator is wanted.</summary>
public sealed class MiningOptionsValidator : AbstractValidator<MiningOptions>
{
    public MiningOptionsValidator() => RuleFor(o => o).Custom((options, context) =>
    {
        foreach (var (property, message) in options.Problems()) context.AddFailure(property, message);
    });
}
