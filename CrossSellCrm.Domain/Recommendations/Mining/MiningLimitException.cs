using System.Globalization;

namespace CrossSellCrm.Domain.Recommendations.Mining;

/// <summary>
/// The thresholds find more frequent itemsets than <see cref="MiningOptions.MaxItemsets"/>, or more rules than
/// <see cref="MiningOptions.MaxRules"/>, allow. Mining stops there, before they fill memory.
/// </summary>
public sealed class MiningLimitException(string what, int limit) : Exception(string.Create(CultureInfo.InvariantCulture,
    $"more than {limit:N0} {what}: raise the minimum support or confidence, or lower the maximum length."))
{
    public const string Itemsets = "frequent itemsets";
    public const string Rules = "rules";

    /// <summary><see cref="Itemsets"/> or <see cref="Rules"/>.</summary>
    public string What { get; } = what;
    public int Limit { get; } = limit;
}
