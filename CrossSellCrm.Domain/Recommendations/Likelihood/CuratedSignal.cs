namespace CrossSellCrm.Domain.Recommendations.Likelihood;

/// <summary>
/// What managers curated, as the likelihood model reads it: which items complement an owned item, and how soon
/// after that purchase the complement is usually bought (its half-life). A file has none.
/// </summary>
public sealed class CuratedSignal
{
    private readonly ILookup<int, (int To, double HalfLifeDays)> _from;

    public CuratedSignal(IEnumerable<(int From, int To, double HalfLifeDays)> relations) =>
        _from = relations.ToLookup(r => r.From, r => (r.To, r.HalfLifeDays));

    public static readonly CuratedSignal None = new([]);

    public bool IsEmpty => _from.Count == 0;

    /// <summary>The complements of an owned item.</summary>
    public IEnumerable<(int To, double HalfLifeDays)> From(int item) => _from[item];
}
