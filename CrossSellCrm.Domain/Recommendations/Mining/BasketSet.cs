namespace CrossSellCrm.Domain.Recommendations.Mining;

/// <summary>
/// Baskets with their items as dense ids (an item counts once per basket). Item names are kept for
/// output; ids are assigned in order of first appearance, so the same input gives the same ids.
/// </summary>
public sealed class BasketSet
{
    private BasketSet(IReadOnlyList<string> itemNames, int[][] baskets)
    {
        ItemNames = itemNames;
        Baskets = baskets;
    }

    public IReadOnlyList<string> ItemNames { get; }
    /// <summary>Each basket's distinct item ids, sorted ascending.</summary>
    public int[][] Baskets { get; }
    public int Count => Baskets.Length;

    public static BasketSet FromItems(IEnumerable<IEnumerable<string>> baskets, CancellationToken ct = default)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var result = new List<int[]>();
        var current = new SortedSet<int>();
        foreach (var basket in baskets)
        {
            if ((result.Count & 0xFFF) == 0) ct.ThrowIfCancellationRequested();
            current.Clear();
            foreach (var item in basket)
            {
                if (!ids.TryGetValue(item, out var id))
                {
                    id = names.Count;
                    ids[item] = id;
                    names.Add(item);
                }
                current.Add(id);
            }
            result.Add([.. current]);
        }
        return new BasketSet(names, [.. result]);
    }

    /// <summary>Baskets whose ids are distinct and ascending already, as <see cref="BasketFile"/> builds them line by line.</summary>
    internal static BasketSet FromSortedIds(int[][] baskets, IReadOnlyList<string> itemNames) => new(itemNames, baskets);

    /// <summary>Baskets already as ids (e.g. product ids); each is de-duplicated and sorted.</summary>
    public static BasketSet FromIds(IEnumerable<int[]> baskets, IReadOnlyList<string> itemNames) =>
        new(itemNames, baskets.Select(b => b.Distinct().Order().ToArray()).ToArray());
}
