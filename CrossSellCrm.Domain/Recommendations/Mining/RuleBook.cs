namespace CrossSellCrm.Domain.Recommendations.Mining;

/// <summary>A mined rule over product ids: buyers of all of <see cref="Antecedent"/> also bought <see cref="Consequent"/>.</summary>
public sealed record ProductRule(int[] Antecedent, int Consequent, int Count, double Support, double Confidence, double Lift, double Leverage, double Conviction);

/// <summary>
/// An immutable snapshot of mined rules, as the engine reads them. A new mining run builds a new
/// book and swaps it in whole (<see cref="RuleBookStore"/>); readers never see a half-built one.
/// </summary>
public sealed class RuleBook
{
    private readonly Dictionary<int, ProductRule[]> _byAntecedentItem;

    public RuleBook(IReadOnlyList<ProductRule> rules, int baskets, MiningOptions options, DateTime minedAt, TimeSpan took)
    {
        Rules = rules;
        Baskets = baskets;
        Options = options;
        MinedAt = minedAt;
        Took = took;
        _byAntecedentItem = rules.SelectMany(r => r.Antecedent.Select(item => (item, r)))
            .GroupBy(x => x.item).ToDictionary(g => g.Key, g => g.Select(x => x.r).ToArray());
    }

    public static readonly RuleBook Empty = new([], 0, new MiningOptions(), DateTime.MinValue, TimeSpan.Zero);

    /// <summary>Sorted by lift, descending.</summary>
    public IReadOnlyList<ProductRule> Rules { get; }
    public int Baskets { get; }
    public MiningOptions Options { get; }
    public DateTime MinedAt { get; }
    public TimeSpan Took { get; }

    /// <summary>Rules whose whole left side lies within <paramref name="owned"/> (e.g. a customer's purchases).</summary>
    public IEnumerable<ProductRule> RulesFor(IReadOnlySet<int> owned)
    {
        // A rule is listed under each item of its left side; yielded from its first one only, it comes once without a set
        // of the rules seen (this runs in every decision).
        foreach (var item in owned)
            if (_byAntecedentItem.TryGetValue(item, out var rules))
                foreach (var rule in rules)
                    if (rule.Antecedent[0] == item && Within(rule.Antecedent, owned)) yield return rule;
    }

    private static bool Within(int[] items, IReadOnlySet<int> owned)
    {
        foreach (var item in items)
            if (!owned.Contains(item)) return false;
        return true;
    }

    /// <summary>"Customers who bought this also bought": rules from this one product, most confident first.</summary>
    public IReadOnlyList<ProductRule> AlsoBought(int productId, int take) =>
        _byAntecedentItem.TryGetValue(productId, out var rules)
            ? rules.Where(r => r.Antecedent.Length == 1)
                .OrderByDescending(r => r.Confidence).ThenByDescending(r => r.Lift).ThenBy(r => r.Consequent)
                .Take(take).ToList()
            : [];

    /// <summary>Builds a book from a mining result whose item names are product ids.</summary>
    public static RuleBook From(MiningResult result, int[] productOfItem, MiningOptions options, DateTime minedAt, TimeSpan took) =>
        new(result.Rules.Where(r => r.Antecedent.Length > 0)
                .Select(r => new ProductRule(r.Antecedent.Select(i => productOfItem[i]).Order().ToArray(), productOfItem[r.Consequent],
                    r.Count, r.Support, r.Confidence, r.Lift, r.Leverage, r.Conviction))
                .ToList(),
            result.Baskets.Count, options, minedAt, took);
}

/// <summary>Holds the current rule book; a mining run replaces it in one atomic step.</summary>
public sealed class RuleBookStore
{
    private RuleBook _current = RuleBook.Empty;

    public RuleBook Current => Volatile.Read(ref _current);

    public event Action<RuleBook>? Swapped;

    public void Swap(RuleBook book)
    {
        Interlocked.Exchange(ref _current, book);
        Swapped?.Invoke(book);
    }
}
