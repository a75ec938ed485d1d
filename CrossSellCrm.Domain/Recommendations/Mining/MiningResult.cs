namespace CrossSellCrm.Domain.Recommendations.Mining;

/// <summary>An itemset (item ids, sorted ascending) and the number of baskets that contain it.</summary>
public readonly record struct FrequentItemset(int[] Items, int Count);

/// <summary>
/// Antecedent ⇒ consequent, with the measures of arules: support = count / baskets,
/// confidence = support(rule) / support(antecedent), lift = confidence / support(consequent),
/// leverage = support(rule) − support(antecedent) × support(consequent),
/// conviction = (1 − support(consequent)) / (1 − confidence), infinite at confidence 1.
/// </summary>
public sealed record AssociationRule(int[] Antecedent, int Consequent, int Count, double Support, double Confidence, double Lift, double Leverage, double Conviction)
{
    public int Length => Antecedent.Length + 1;
}

public sealed class MiningResult(BasketSet baskets, IReadOnlyList<FrequentItemset> itemsets, IReadOnlyList<AssociationRule> rules)
{
    public BasketSet Baskets { get; } = baskets;
    public IReadOnlyList<FrequentItemset> FrequentItemsets { get; } = itemsets;
    /// <summary>Sorted by lift, then confidence and support (descending), then by the items' names.</summary>
    public IReadOnlyList<AssociationRule> Rules { get; } = rules;

    /// <summary>An itemset's items by name, joined by " &amp; " as in the rules file.</summary>
    public string Describe(IEnumerable<int> items)
    {
        var names = new List<string>();
        foreach (var item in items) names.Add(Baskets.ItemNames[item]);
        return string.Join(" & ", names);
    }
}
