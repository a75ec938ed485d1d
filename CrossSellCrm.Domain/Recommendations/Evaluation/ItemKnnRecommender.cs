namespace CrossSellCrm.Domain.Recommendations.Evaluation;

/// <summary>
/// Item-based k-nearest neighbours: an item's score is the sum of its cosine similarities to the items owned, the
/// similarity counted over training rows (customers, or baskets without customers): co(i, j) / √(n(i) · n(j)).
/// Owned items are never recommended; ties (and items without a neighbour) go by popularity.
/// </summary>
public sealed class ItemKnnRecommender : IEvaluatedRecommender
{
    private readonly Dictionary<int, Dictionary<int, double>> _similar = [];
    private readonly PopularityRecommender _popularity;

    /// <param name="rows">Each training row's items (repeats are counted once).</param>
    public ItemKnnRecommender(IEnumerable<IEnumerable<int>> rows, PopularityRecommender popularity)
    {
        _popularity = popularity;
        var holders = new Dictionary<int, int>();
        var together = new Dictionary<(int, int), int>();
        foreach (var row in rows)
        {
            var items = row.Distinct().Order().ToArray();
            foreach (var i in items) holders[i] = holders.GetValueOrDefault(i) + 1;
            for (var a = 0; a < items.Length; a++)
                for (var b = a + 1; b < items.Length; b++)
                {
                    ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(together, (items[a], items[b]), out _);
                    count++;
                }
        }
        foreach (var ((i, j), count) in together)
        {
            var cosine = count / Math.Sqrt((double)holders[i] * holders[j]);
            Neighbours(i)[j] = cosine;
            Neighbours(j)[i] = cosine;
        }

        Dictionary<int, double> Neighbours(int item) => _similar.TryGetValue(item, out var n) ? n : _similar[item] = [];
    }

    public string Name => "item-knn";

    /// <summary>The cosine similarity of two items (0 when no row holds both).</summary>
    public double Similarity(int a, int b) => _similar.TryGetValue(a, out var n) ? n.GetValueOrDefault(b) : 0;

    public IReadOnlyList<int> Recommend(EvaluationCase c, int k)
    {
        var owned = c.History.Select(h => h.ProductId).ToHashSet();
        var scores = new Dictionary<int, double>();
        foreach (var o in owned)
            if (_similar.TryGetValue(o, out var neighbours))
                foreach (var (item, similarity) in neighbours)
                    if (!owned.Contains(item)) scores[item] = scores.GetValueOrDefault(item) + similarity;
        var rank = _popularity.Ranks;
        var best = scores.OrderByDescending(x => x.Value).ThenBy(x => rank.GetValueOrDefault(x.Key, int.MaxValue)).ThenBy(x => x.Key)
            .Take(k).Select(x => x.Key).ToList();
        if (best.Count < k) best.AddRange(_popularity.Recommend(c, k + best.Count).Where(i => !scores.ContainsKey(i)).Take(k - best.Count));
        return best;
    }
}
