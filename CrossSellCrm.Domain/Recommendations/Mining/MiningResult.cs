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
    public string Describe(ReadOnlySpan<int> items)
    {
        // A span and an array, not an enumerable: the rules file calls this once per rule, and each interface call of an
        // enumerator went through the runtime's dispatch and profiling helpers in a one-shot run.
        if (items.Length == 1) return Baskets.ItemNames[items[0]];
        var names = new string[items.Length];
        for (var i = 0; i < items.Length; i++) names[i] = Baskets.ItemNames[items[i]];
        return string.Join(" & ", names);
    }
}
