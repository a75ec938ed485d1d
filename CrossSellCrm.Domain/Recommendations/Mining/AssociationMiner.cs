using System.Runtime.CompilerServices;

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

        // Rank frequent items by count (most frequent first); paths in the tree follow rank order, so frequent items
        // share the nodes near the root.
        var itemOfRank = Enumerable.Range(0, itemCounts.Length).Where(i => itemCounts[i] >= minCount)
            .OrderByDescending(i => itemCounts[i]).ThenBy(i => i).ToArray();
        var rankOfItem = new int[itemCounts.Length];
        Array.Fill(rankOfItem, -1);
        for (var r = 0; r < itemOfRank.Length; r++) rankOfItem[itemOfRank[r]] = r;

        var growth = new Growth(minCount, maxLength, maxItemsets, itemOfRank, ct);
        growth.Grow(Paths(baskets, itemOfRank, rankOfItem, itemCounts, ct));
        return growth.Found;
    }

    /// <summary>
    /// Each basket's frequent items as ranks (ascending), one after the other: path i starts at <c>Ranks[Start[i]]</c>.
    /// <c>PathsOf[First[r]..First[r + 1]]</c> are the paths that hold rank r, as many as the baskets that hold its item.
    /// </summary>
    private readonly record struct PathList(int[] Ranks, int[] Start, int[] PathsOf, int[] First)
    {
        public ReadOnlySpan<int> PathsWith(int rank) => PathsOf.AsSpan(First[rank], First[rank + 1] - First[rank]);
    }

    /// <summary>The baskets as paths: their frequent items only, by rank, the most frequent first; and for each rank, its paths.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static PathList Paths(BasketSet baskets, int[] itemOfRank, int[] rankOfItem, int[] itemCounts, CancellationToken ct)
    {
        var first = new int[itemOfRank.Length + 1];
        var total = 0L;
        for (var r = 0; r < itemOfRank.Length; r++) first[r + 1] = (int)(total += itemCounts[itemOfRank[r]]);
        if (total > Array.MaxLength) throw new InvalidOperationException("The baskets hold more frequent items than one array can.");
        var ranks = new int[total];
        var pathsOf = new int[total];
        var next = first[..^1]; // where the next path of each rank goes in pathsOf
        var start = new List<int>(baskets.Count + 1);
        var at = 0;
        for (var b = 0; b < baskets.Count; b++)
        {
            if ((b & CancelCheckMask) == 0) ct.ThrowIfCancellationRequested();
            var from = at;
            foreach (var item in baskets.Baskets[b])
                if (rankOfItem[item] >= 0) ranks[at++] = rankOfItem[item];
            if (at == from) continue;
            Array.Sort(ranks, from, at - from);
            for (var i = from; i < at; i++) pathsOf[next[ranks[i]]++] = start.Count;
            start.Add(from);
        }
        start.Add(at);
        return new PathList(ranks, [.. start], pathsOf, first);
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

    /// <summary>A rank (an item's place in the frequency order) and how many baskets of the tree at hand hold it.</summary>
    private readonly record struct RankCount(int Rank, int Count);

    /// <summary>
    /// The recursive part of FP-growth: for each item of a tree, the itemset "suffix + item", then the conditional tree of
    /// the item's prefix paths, grown in turn. One tree (and one item list) per depth is kept and refilled, so a run
    /// allocates its arrays once instead of once per conditional tree; only the itemsets found are new objects.
    /// </summary>
    private sealed class Growth(int minCount, int maxLength, int maxItemsets, int[] itemOfRank, CancellationToken ct)
    {
        private readonly List<FpTree> _trees = [];
        private readonly List<List<RankCount>> _items = [];
        /// <summary>The ranks of the itemset being grown, one per depth.</summary>
        private readonly int[] _suffix = new int[maxLength];
        /// <summary>Support of each rank in the prefix paths of one projection; all zero between projections.</summary>
        private readonly int[] _support = new int[itemOfRank.Length];
        private readonly List<int> _touched = [];
        /// <summary>The ranks of one path, or the nodes on the way up from one node: at most one per rank.</summary>
        private readonly int[] _path = new int[itemOfRank.Length];
        /// <summary>Numbers the projections, to tell which nodes the current one has copied (<see cref="Copy.Pass"/>).</summary>
        private int _pass;
        private int _steps;

        public List<FrequentItemset> Found { get; } = [];

        public FpTree TreeAt(int depth)
        {
            while (_trees.Count <= depth) _trees.Add(new FpTree(itemOfRank.Length));
            return _trees[depth];
        }

        public List<RankCount> ItemsAt(int depth)
        {
            while (_items.Count <= depth) _items.Add([]);
            return _items[depth];
        }

        /// <summary>
        /// The top level: each item alone, then the itemsets of its conditional tree. Those trees are made from the paths
        /// of the baskets that hold the item rather than from one tree of all baskets: a path is read front to back until
        /// the item (its ranks ascend), where a tree would be climbed node by node through memory far bigger than the
        /// caches (half a million nodes on the retail benchmark; that climb was most of the mining time).
        /// </summary>
        public void Grow(PathList paths)
        {
            for (var rank = 0; rank < itemOfRank.Length; rank++)
            {
                Emit(0, rank, paths.PathsWith(rank).Length);
                if (maxLength < 2) continue;
                var conditional = TreeAt(1);
                var conditionalItems = ItemsAt(1);
                if (Project(paths, rank, conditional, conditionalItems)) Grow(conditional, conditionalItems, 1);
            }
        }

        /// <param name="items">The tree's frequent ranks with their counts, ascending.</param>
        public void Grow(FpTree tree, List<RankCount> items, int depth)
        {
            foreach (var (rank, count) in items)
            {
                Emit(depth, rank, count);
                if (depth + 1 >= maxLength) continue;
                var conditional = TreeAt(depth + 1);
                var conditionalItems = ItemsAt(depth + 1);
                if (Project(tree, rank, conditional, conditionalItems)) Grow(conditional, conditionalItems, depth + 1);
            }
        }

        /// <summary>Adds the itemset of the suffix (the ranks of the depths above) and <paramref name="rank"/>.</summary>
        private void Emit(int depth, int rank, int count)
        {
            ct.ThrowIfCancellationRequested();
            if (Found.Count == maxItemsets) throw new MiningLimitException(MiningLimitException.Itemsets, maxItemsets);
            _suffix[depth] = rank;
            var itemset = new int[depth + 1];
            for (var d = 0; d <= depth; d++) itemset[d] = itemOfRank[_suffix[d]];
            Array.Sort(itemset);
            Found.Add(new FrequentItemset(itemset, count));
        }

        /// <summary>
        /// Fills <paramref name="target"/> with the conditional tree of <paramref name="rank"/> from the paths that hold it:
        /// their ranks before it, without those that are not frequent among them. False when none is.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool Project(PathList paths, int rank, FpTree target, List<RankCount> targetItems)
        {
            var (ranks, start, support) = (paths.Ranks, paths.Start, _support);
            // First pass: the support of every rank before this one in its paths.
            foreach (var path in paths.PathsWith(rank))
            {
                Tick();
                for (var i = start[path]; ranks[i] != rank; i++)
                    if (support[ranks[i]]++ == 0) _touched.Add(ranks[i]);
            }
            if (FrequentOnes(targetItems))
            {
                // Second pass: the same ranks, frequent ones only, into the conditional tree.
                target.Clear();
                foreach (var path in paths.PathsWith(rank))
                {
                    Tick();
                    var length = 0;
                    for (var i = start[path]; ranks[i] != rank; i++)
                        if (support[ranks[i]] >= minCount) _path[length++] = ranks[i];
                    target.Insert(_path.AsSpan(0, length), 1);
                }
            }
            return EndProjection(targetItems);
        }

        /// <summary>The touched ranks that are frequent, with their supports, into <paramref name="targetItems"/> (ascending); false when none is.</summary>
        private bool FrequentOnes(List<RankCount> targetItems)
        {
            targetItems.Clear();
            foreach (var r in _touched)
                if (_support[r] >= minCount) targetItems.Add(new RankCount(r, _support[r]));
            targetItems.Sort((x, y) => x.Rank.CompareTo(y.Rank));
            return targetItems.Count > 0;
        }

        /// <summary>Zeroes the supports of the projection for the next one.</summary>
        private bool EndProjection(List<RankCount> targetItems)
        {
            foreach (var r in _touched) _support[r] = 0;
            _touched.Clear();
            return targetItems.Count > 0;
        }

        /// <summary>
        /// Fills <paramref name="target"/> with the conditional tree of <paramref name="rank"/>: the paths above its nodes,
        /// weighted by their counts, without the ranks that are not frequent among them. False when none is.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool Project(FpTree tree, int rank, FpTree target, List<RankCount> targetItems)
        {
            var (links, counts, next, support) = (tree.Links, tree.Count, tree.Next, _support);
            // First pass: the support of every rank in the prefix paths.
            for (var n = tree.Head[rank]; n != 0; n = next[n])
            {
                Tick();
                var weight = counts[n];
                for (var a = links[n].Parent; a != 0; a = links[a].Parent)
                {
                    var r = links[a].Rank;
                    if (support[r] == 0) _touched.Add(r);
                    support[r] += weight;
                }
            }
            if (FrequentOnes(targetItems))
            {
                // Second pass: copy the paths into the conditional tree, frequent ranks only. Paths share their upper
                // nodes, so each node of the tree is copied once: a climb stops at the first node copied already, and
                // the counts are summed up the new tree at the end instead of along every path.
                target.Clear();
                var copies = tree.Copies;
                var pass = ++_pass;
                for (var n = tree.Head[rank]; n != 0; n = next[n])
                {
                    Tick();
                    var length = 0;
                    var a = links[n].Parent;
                    for (; a != 0 && copies[a].Pass != pass; a = links[a].Parent) _path[length++] = a;
                    var image = a == 0 ? 0 : copies[a].Image;
                    for (var i = length - 1; i >= 0; i--)
                    {
                        var node = _path[i];
                        var r = links[node].Rank;
                        if (support[r] >= minCount) image = target.Child(image, r);
                        copies[node] = new Copy(pass, image);
                    }
                    var parent = links[n].Parent;
                    if (parent != 0 && copies[parent].Image != 0) target.Count[copies[parent].Image] += counts[n];
                }
                target.SumCountsUp();
            }
            return EndProjection(targetItems);
        }

        /// <summary>Looks at the token every 4K nodes: a volatile read, nothing next to the work.</summary>
        private void Tick()
        {
            if ((++_steps & CancelCheckMask) == 0) ct.ThrowIfCancellationRequested();
        }
    }

    /// <summary>What a climb to the root reads of a node, kept apart from the rest so that a cache line holds eight nodes.</summary>
    private readonly record struct Link(int Parent, int Rank);

    /// <summary>While a conditional tree is made from a tree: the projection that last copied a node, and the copy.</summary>
    private readonly record struct Copy(int Pass, int Image);

    /// <summary>
    /// An FP-tree in arrays indexed by node, node 0 the root; a node's parent always has a smaller index than the node.
    /// <see cref="Next"/> chains the nodes of one rank (the header list), first child and next sibling find where a new
    /// path leaves the tree. The root's children are found by rank directly: it has one per frequent first item, thousands
    /// on real data.
    /// </summary>
    private sealed class FpTree(int rankCount)
    {
        public Link[] Links = new Link[16];
        public int[] Count = new int[16], Next = new int[16];
        public Copy[] Copies = new Copy[16];
        private int[] _firstChild = new int[16], _sibling = new int[16];
        /// <summary>The first node of each rank (0: none).</summary>
        public readonly int[] Head = new int[rankCount];
        private readonly int[] _rootChild = new int[rankCount];
        private readonly List<int> _ranks = [];
        private int _nodes = 1;

        /// <summary>Empties the tree for reuse; the node array stays (the tree of one depth is refilled thousands of times).</summary>
        public void Clear()
        {
            foreach (var r in _ranks) Head[r] = _rootChild[r] = 0;
            _ranks.Clear();
            _nodes = 1;
            _firstChild[0] = 0;
        }

        /// <summary>Adds a path of ranks (ascending) with its weight, sharing the prefix the tree holds already.</summary>
        public void Insert(ReadOnlySpan<int> ranks, int weight)
        {
            var node = 0;
            foreach (var r in ranks)
            {
                node = Child(node, r);
                Count[node] += weight;
            }
        }

        /// <summary>The child of <paramref name="node"/> with <paramref name="rank"/>, added (with count 0) if there is none.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int Child(int node, int rank)
        {
            if (node == 0)
            {
                var top = _rootChild[rank];
                return top != 0 ? top : _rootChild[rank] = AddNode(rank, 0);
            }
            var child = _firstChild[node];
            while (child != 0 && Links[child].Rank != rank) child = _sibling[child];
            return child != 0 ? child : AddNode(rank, node);
        }

        /// <summary>After counts were added to the nodes where paths end: each node's count becomes that of its subtree.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void SumCountsUp()
        {
            for (var node = _nodes - 1; node > 0; node--) Count[Links[node].Parent] += Count[node];
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int AddNode(int rank, int parent)
        {
            if (_nodes == Links.Length) Grow();
            var node = _nodes++;
            if (Head[rank] == 0) _ranks.Add(rank);
            Links[node] = new Link(parent, rank);
            Count[node] = 0;
            Next[node] = Head[rank];
            Head[rank] = node;
            Copies[node] = default;
            _firstChild[node] = 0;
            _sibling[node] = _firstChild[parent];
            _firstChild[parent] = node;
            return node;
        }

        /// <summary>Doubles the arrays; they are never shrunk.</summary>
        private void Grow()
        {
            if (_nodes == Array.MaxLength) throw new InvalidOperationException("The FP-tree cannot grow beyond the largest array.");
            var size = (int)Math.Min(2L * _nodes, Array.MaxLength);
            Array.Resize(ref Links, size);
            Array.Resize(ref Count, size);
            Array.Resize(ref Next, size);
            Array.Resize(ref Copies, size);
            Array.Resize(ref _firstChild, size);
            Array.Resize(ref _sibling, size);
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
