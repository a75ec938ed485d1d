namespace CrossSellCrm.Domain.Recommendations.Mining;

/// <summary>
/// Frequent itemsets by FP-growth, then rules with exactly one item on the right — the definitions of
/// the classic Apriori in R's arules, so the output is the same rule set. Pure and single-threaded.
/// A run can take minutes on big data: the loops look at the cancellation token every few thousand steps (a volatile
/// read, nothing next to the work), so Ctrl-C or the app's shutdown stops it within milliseconds.
/// </summary>
public static class AssociationMiner
{
    /// <summary>How many loop steps pass between two looks at the cancellation token (a power of two, as a mask).</summary>
    private const int CancelCheckMask = 0xFFF;

    /// <exception cref="MiningLimitException">The thresholds find more itemsets or rules than the options allow.</exception>
    public static MiningResult Mine(BasketSet baskets, MiningOptions options, CancellationToken ct = default)
    {
        var itemsets = FrequentItemsets(baskets, options.MinSupport, options.MaxLength, options.MaxItemsets, ct);
        var rules = Rules(baskets, itemsets, options, ct);
        return new MiningResult(baskets, itemsets, rules);
    }

    /// <summary>The smallest basket count whose support (count / baskets) reaches the minimum, in the same double arithmetic.</summary>
    public static int MinimumCount(int basketCount, double minSupport)
    {
        var count = Math.Max(0, (int)Math.Floor(minSupport * basketCount) - 1);
        while ((double)count / basketCount < minSupport) count++;
        return count;
    }

    public static IReadOnlyList<FrequentItemset> FrequentItemsets(BasketSet baskets, double minSupport, int maxLength,
        int maxItemsets = int.MaxValue, CancellationToken ct = default)
    {
        if (baskets.Count == 0) return [];
        var minCount = MinimumCount(baskets.Count, minSupport);
        var itemCounts = new int[baskets.ItemNames.Count];
        for (var b = 0; b < baskets.Count; b++)
        {
            if ((b & CancelCheckMask) == 0) ct.ThrowIfCancellationRequested();
            foreach (var item in baskets.Baskets[b]) itemCounts[item]++;
        }

        // Rank frequent items by count (most frequent first); paths in the tree follow rank order.
        var itemOfRank = Enumerable.Range(0, itemCounts.Length).Where(i => itemCounts[i] >= minCount)
            .OrderByDescending(i => itemCounts[i]).ThenBy(i => i).ToArray();
        var rankOfItem = new int[itemCounts.Length];
        Array.Fill(rankOfItem, -1);
        for (var r = 0; r < itemOfRank.Length; r++) rankOfItem[itemOfRank[r]] = r;

        var paths = new List<WeightedPath>(baskets.Count);
        var buffer = new List<int>();
        for (var b = 0; b < baskets.Count; b++)
        {
            if ((b & CancelCheckMask) == 0) ct.ThrowIfCancellationRequested();
            buffer.Clear();
            foreach (var item in baskets.Baskets[b])
                if (rankOfItem[item] >= 0) buffer.Add(rankOfItem[item]);
            if (buffer.Count == 0) continue;
            buffer.Sort();
            paths.Add(new WeightedPath([.. buffer], 1));
        }

        var growth = new Growth(minCount, maxLength, maxItemsets, itemOfRank.Length, ct);
        growth.Grow(paths, []);
        return growth.Found.Select(f => new FrequentItemset(f.Ranks.Select(r => itemOfRank[r]).Order().ToArray(), f.Count)).ToList();
    }

    private static List<AssociationRule> Rules(BasketSet baskets, IReadOnlyList<FrequentItemset> itemsets, MiningOptions options, CancellationToken ct)
    {
        double n = baskets.Count;
        var countOf = new Dictionary<int[], int>(itemsets.Count, ItemsComparer.Instance);
        foreach (var set in itemsets) countOf[set.Items] = set.Count;

        var rules = new List<AssociationRule>();
        for (var s = 0; s < itemsets.Count; s++)
        {
            if ((s & CancelCheckMask) == 0) ct.ThrowIfCancellationRequested();
            var set = itemsets[s];
            if (set.Items.Length < options.MinLength || set.Items.Length > options.MaxLength) continue;
            var support = set.Count / n;
            for (var i = 0; i < set.Items.Length; i++)
            {
                var consequent = set.Items[i];
                var antecedent = set.Items.Length == 1 ? [] : set.Items.Where((_, j) => j != i).ToArray();
                var antecedentCount = antecedent.Length == 0 ? baskets.Count : countOf[antecedent];
                var confidence = (double)set.Count / antecedentCount;
                if (confidence < options.MinConfidence) continue;
                if (rules.Count == options.MaxRules) throw new MiningLimitException(MiningLimitException.Rules, options.MaxRules);
                var consequentSupport = countOf[[consequent]] / n;
                var antecedentSupport = antecedentCount / n;
                rules.Add(new AssociationRule(antecedent, consequent, set.Count, support, confidence,
                    Lift: confidence / consequentSupport,
                    Leverage: support - antecedentSupport * consequentSupport,
                    Conviction: confidence >= 1 ? double.PositiveInfinity : (1 - consequentSupport) / (1 - confidence)));
            }
        }
        ct.ThrowIfCancellationRequested();
        var names = baskets.ItemNames;
        string Text(int[] items) => string.Join("\u0001", items.Select(i => names[i]));
        return rules
            .OrderByDescending(r => r.Lift).ThenByDescending(r => r.Confidence).ThenByDescending(r => r.Support)
            .ThenBy(r => Text(r.Antecedent), StringComparer.Ordinal).ThenBy(r => names[r.Consequent], StringComparer.Ordinal)
            .ToList();
    }

    private readonly record struct WeightedPath(int[] Ranks, int Count);

    /// <summary>The recursive part of FP-growth over weighted paths (ranks ascending).</summary>
    private sealed class Growth(int minCount, int maxLength, int maxItemsets, int rankCount, CancellationToken ct)
    {
        public List<(int[] Ranks, int Count)> Found { get; } = [];

        public void Grow(List<WeightedPath> paths, int[] suffix)
        {
            var counts = new Dictionary<int, int>();
            for (var i = 0; i < paths.Count; i++)
            {
                if ((i & CancelCheckMask) == 0) ct.ThrowIfCancellationRequested();
                foreach (var r in paths[i].Ranks) counts[r] = counts.GetValueOrDefault(r) + paths[i].Count;
            }
            var frequent = new bool[rankCount];
            var any = false;
            foreach (var (rank, count) in counts)
                if (count >= minCount) frequent[rank] = any = true;
            if (!any) return;

            var tree = FpTree.Build(paths, frequent, ct);
            foreach (var (rank, count) in counts.Where(c => c.Value >= minCount).OrderBy(c => c.Key))
            {
                ct.ThrowIfCancellationRequested();
                if (Found.Count == maxItemsets) throw new MiningLimitException(MiningLimitException.Itemsets, maxItemsets);
                int[] itemset = [.. suffix, rank];
                Found.Add((itemset, count));
                if (itemset.Length >= maxLength) continue;
                var conditional = tree.PrefixPaths(rank, ct);
                if (conditional.Count > 0) Grow(conditional, itemset);
            }
        }
    }

    /// <summary>
    /// An FP-tree in arrays. Paths sorted lexicographically share their prefixes with their neighbours,
    /// so the tree is built by walking the sorted list with a stack — no child lookups.
    /// </summary>
    private sealed class FpTree
    {
        private readonly List<int> _rank = [-1];
        private readonly List<int> _count = [0];
        private readonly List<int> _parent = [-1];
        private readonly Dictionary<int, List<int>> _nodesOfRank = [];

        public static FpTree Build(List<WeightedPath> paths, bool[] keep, CancellationToken ct)
        {
            var filtered = new List<int[]>(paths.Count);
            var weights = new List<int>(paths.Count);
            for (var i = 0; i < paths.Count; i++)
            {
                if ((i & CancelCheckMask) == 0) ct.ThrowIfCancellationRequested();
                var p = paths[i];
                var kept = p.Ranks.All(r => keep[r]) ? p.Ranks : p.Ranks.Where(r => keep[r]).ToArray();
                if (kept.Length == 0) continue;
                filtered.Add(kept);
                weights.Add(p.Count);
            }
            var order = Enumerable.Range(0, filtered.Count).ToArray();
            // Sorting millions of paths takes a while too: the comparison looks at the token every 64K calls
            // (Array.Sort wraps what a comparison throws; the cancellation is unwrapped again).
            var comparisons = 0;
            try
            {
                Array.Sort(order, (a, b) =>
                {
                    if ((++comparisons & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                    return CompareRanks(filtered[a], filtered[b]);
                });
            }
            catch (InvalidOperationException e) when (e.InnerException is OperationCanceledException cancelled)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cancelled);
            }

            var tree = new FpTree();
            var stack = new List<int> { 0 }; // node at each depth, root at depth 0
            int[] previous = [];
            for (var o = 0; o < order.Length; o++)
            {
                if ((o & CancelCheckMask) == 0) ct.ThrowIfCancellationRequested();
                var index = order[o];
                var path = filtered[index];
                var shared = 0;
                while (shared < path.Length && shared < previous.Length && path[shared] == previous[shared]) shared++;
                stack.RemoveRange(shared + 1, stack.Count - shared - 1);
                for (var d = 0; d < path.Length; d++)
                {
                    if (d >= shared) stack.Add(tree.AddNode(path[d], stack[d]));
                    tree._count[stack[d + 1]] += weights[index];
                }
                previous = path;
            }
            return tree;
        }

        private int AddNode(int rank, int parent)
        {
            var node = _rank.Count;
            _rank.Add(rank);
            _count.Add(0);
            _parent.Add(parent);
            if (!_nodesOfRank.TryGetValue(rank, out var nodes)) _nodesOfRank[rank] = nodes = [];
            nodes.Add(node);
            return node;
        }

        /// <summary>The conditional pattern base of a rank: each of its nodes' ancestors, weighted by the node's count.</summary>
        public List<WeightedPath> PrefixPaths(int rank, CancellationToken ct)
        {
            var result = new List<WeightedPath>();
            if (!_nodesOfRank.TryGetValue(rank, out var nodes)) return result;
            var buffer = new List<int>();
            for (var i = 0; i < nodes.Count; i++)
            {
                if ((i & CancelCheckMask) == 0) ct.ThrowIfCancellationRequested();
                var node = nodes[i];
                buffer.Clear();
                for (var p = _parent[node]; p > 0; p = _parent[p]) buffer.Add(_rank[p]);
                if (buffer.Count == 0) continue;
                buffer.Reverse();
                result.Add(new WeightedPath([.. buffer], _count[node]));
            }
            return result;
        }

        private static int CompareRanks(int[] a, int[] b)
        {
            var n = Math.Min(a.Length, b.Length);
            for (var i = 0; i < n; i++)
                if (a[i] != b[i]) return a[i].CompareTo(b[i]);
            return a.Length.CompareTo(b.Length);
        }
    }

    /// <summary>Equality of sorted item-id arrays, for support look-ups.</summary>
    private sealed class ItemsComparer : IEqualityComparer<int[]>
    {
        public static readonly ItemsComparer Instance = new();
        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] items)
        {
            var hash = new HashCode();
            foreach (var i in items) hash.Add(i);
            return hash.ToHashCode();
        }
    }
}
