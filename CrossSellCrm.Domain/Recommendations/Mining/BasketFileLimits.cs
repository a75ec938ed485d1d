namespace CrossSellCrm.Domain.Recommendations.Mining;

/// <summary>
/// How much one basket file may ask of memory. A basket of 25 million items once drove the `mine` verb to 22 GB: the
/// line was read whole, split into 25 million strings and sorted in a tree before anything was counted, and the miner
/// then found every combination of its items "frequent". Reading now stops at the first basket, item or line over these
/// bounds, so memory grows with the number of baskets (each of bounded size), never with one runaway line; what mining
/// may find is bounded by <see cref="MiningOptions.MaxItemsets"/>.
/// </summary>
public sealed record BasketFileLimits
{
    /// <summary>
    /// Most items in one basket (a line, or one transaction's lines). A till receipt holds dozens; 10,000 leaves room for
    /// wholesale orders, and a basket that size costs well under a megabyte to read.
    /// </summary>
    public int MaxBasketItems { get; init; } = 10_000;

    /// <summary>Longest item name (baskets format). Product names are short; a longer "item" means the file is not baskets.</summary>
    public int MaxItemLength { get; init; } = 1_000;

    /// <summary>Longest line of a transactions file, all its columns together.</summary>
    public int MaxLineLength { get; init; } = 100_000;

    /// <summary>
    /// What is wrong with these limits, one message each; none when they are fine. Plain checks, as
    /// <see cref="MiningOptions.Problems"/> and for the same reason; <see cref="BasketFileLimitsValidator"/> runs them.
    /// </summary>
    public List<OptionProblem> Problems()
    {
        var problems = new List<OptionProblem>();
        if (MaxBasketItems is < 1 or > 1_000_000)
            problems.Add(new(nameof(MaxBasketItems), $"--max-basket-items must be between 1 and 1,000,000 (was {MaxBasketItems})."));
        if (MaxItemLength is < 1 or > 100_000) problems.Add(new(nameof(MaxItemLength), $"MaxItemLength must be between 1 and 100,000 (was {MaxItemLength})."));
        if (MaxLineLength is < 1 or > 10_000_000)
            problems.Add(new(nameof(MaxLineLength), $"MaxLineLength must be between 1 and 10,000,000 (was {MaxLineLength})."));
        return problems;
    }
}
