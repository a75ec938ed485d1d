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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

        // Rank frequent items by count (most frequent first, ties by id); paths follow rank order, so frequent items
        // share the nodes near the root of the trees. One sort of (count, id) keys, not LINQ: its generic code would be
        // compiled for this one call.
        var keys = new List<long>();
        for (var i = 0; i < itemCounts.Length; i++)
            if (itemCounts[i] >= minCount) keys.Add(((long)(int.MaxValue - itemCounts[i]) << 32) | (uint)i);
        var sorted = keys.ToArray();
        Array.Sort(sorted);
        var itemOfRank = new int[sorted.Length];
        for (var r = 0; r < sorted.Length; r++) itemOfRank[r] = (int)(sorted[r] & 0xFFFF_FFFF);
        var rankOfItem = new int[itemCounts.Length];
        Array.Fill(rankOfItem, -1);
        for (var r = 0; r < itemOfRank.Length; r++) rankOfItem[itemOfRank[r]] = r;

        var growth = new Growth(minCount, maxLength, maxItemsets, itemOfRank, ct);
        growth.Grow(Paths(baskets, itemOfRank, rankOfItem, itemCounts, ct));
        return growth.Found;
    }

    /// <summary>
    /// Each basket's frequent items as ranks (ascending), one basket after the other, each basket preceded by -1:
    /// <c>[-1, 0, 4, 9, -1, 2, 3, …]</c>. <c>Occurrences[First[r]..First[r + 1]]</c> are the places in <c>Ranks</c> that hold
    /// rank r, one per basket that holds its item: read backwards from there to the -1, they are the items before r in
    /// that basket (its conditional pattern), with no look-up of where the basket starts.
    /// </summary>
    private readonly record struct PathList(int[] Ranks, int[] Occurrences, int[] First)
    {
        public ReadOnlySpan<int> OccurrencesOf(int rank) => Occurrences.AsSpan(First[rank], First[rank + 1] - First[rank]);
    }

    /// <summary>The baskets as paths: their frequent items only, by rank, the most frequent first; and where each rank occurs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static PathList Paths(BasketSet baskets, int[] itemOfRank, int[] rankOfItem, int[] itemCounts, CancellationToken ct)
    {
        var first = new int[itemOfRank.Length + 1];
        var total = 0L;
        for (var r = 0; r < itemOfRank.Length; r++) first[r + 1] = (int)(total += itemCounts[itemOfRank[r]]);
        var withMarks = total + baskets.Count; // at most one -1 per basket
        if (withMarks > Array.MaxLength) throw new InvalidOperationException("The baskets hold more frequent items than one array can.");
        var ranks = new int[withMarks];
        var occurrences = new int[total];
        var next = first[..^1]; // where the next occurrence of each rank goes
        var at = 0;
        for (var b = 0; b < baskets.Count; b++)
        {
            if ((b & CancelCheckMask) == 0) ct.ThrowIfCancellationRequested();
            ranks[at] = -1;
            var from = at + 1;
            var end = from;
            foreach (var item in baskets.Baskets[b])
                if (rankOfItem[item] >= 0) ranks[end++] = rankOfItem[item];
            if (end == from) continue; // no frequent item: the next basket takes the place
            var path = ranks.AsSpan(from, end - from);
            SmallSort.Sort(path);
            for (var i = from; i < end; i++) occurrences[next[ranks[i]]++] = i;
            at = end;
        }
        return new PathList(ranks, occurrences, first);
    }

    /// <summary>
    /// Every rule "itemset without one item ⇒ that item" that is confident enough, sorted by lift, confidence and support
    /// (descending), then by the names of the left and of the right side. Loops rather than LINQ: a mining run is mostly
    /// a one-shot process, where LINQ's generic code would be compiled for these few calls and run unoptimised.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<AssociationRule> Rules(BasketSet baskets, IReadOnlyList<FrequentItemset> itemsets, MiningOptions options, CancellationToken ct)
    {
        double n = baskets.Count;
        var countOf = new Dictionary<int[], int>(itemsets.Count, ItemsComparer.Instance);
        var countOfItem = new int[baskets.ItemNames.Count];
        foreach (var set in itemsets)
        {
            countOf[set.Items] = set.Count;
            if (set.Items.Length == 1) countOfItem[set.Items[0]] = set.Count;
        }

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
                var antecedent = new int[set.Items.Length - 1]; // the itemset without item i, still ascending
                set.Items.AsSpan(0, i).CopyTo(antecedent);
                set.Items.AsSpan(i + 1).CopyTo(antecedent.AsSpan(i));
                var antecedentCount = antecedent.Length == 0 ? baskets.Count : countOf[antecedent];
                var confidence = (double)set.Count / antecedentCount;
                if (confidence < options.MinConfidence) continue;
                if (rules.Count == options.MaxRules) throw new MiningLimitException(MiningLimitException.Rules, options.MaxRules);
                var consequentSupport = countOfItem[consequent] / n;
                var antecedentSupport = antecedentCount / n;
                rules.Add(new AssociationRule(antecedent, consequent, set.Count, support, confidence,
                    Lift: confidence / consequentSupport,
                    Leverage: support - antecedentSupport * consequentSupport,
                    Conviction: confidence >= 1 ? double.PositiveInfinity : (1 - consequentSupport) / (1 - confidence)));
            }
        }
        ct.ThrowIfCancellationRequested();
        return Sorted(rules, baskets.ItemNames);
    }

    /// <summary>
    /// The rules by lift, confidence and support (descending), then by the left side's names joined by U+0001 and the
    /// right side's name (ordinal), then as found: the order the rules CSV has always had.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<AssociationRule> Sorted(List<AssociationRule> rules, IReadOnlyList<string> names)
    {
        var left = new string[rules.Count];
        var parts = new List<string>();
        for (var r = 0; r < rules.Count; r++)
        {
            parts.Clear();
            foreach (var item in rules[r].Antecedent) parts.Add(names[item]);
            left[r] = string.Join('\u0001', parts);
        }
        var order = new int[rules.Count];
        for (var r = 0; r < order.Length; r++) order[r] = r;
        Array.Sort(order, (x, y) =>
        {
            var (a, b) = (rules[x], rules[y]);
            var by = b.Lift.CompareTo(a.Lift);
            if (by == 0) by = b.Confidence.CompareTo(a.Confidence);
            if (by == 0) by = b.Support.CompareTo(a.Support);
            if (by == 0) by = string.CompareOrdinal(left[x], left[y]);
            if (by == 0) by = string.CompareOrdinal(names[a.Consequent], names[b.Consequent]);
            return by != 0 ? by : x.CompareTo(y);
        });
        var sorted = new List<AssociationRule>(rules.Count);
        foreach (var r in order) sorted.Add(rules[r]);
        return sorted;
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
        /// <summary>The ranks whose support one projection made non-zero (and one place more, see the top-level projection).</summary>
        private readonly int[] _touchedRanks = new int[itemOfRank.Length + 1];
        /// <summary>The frequent ones among them.</summary>
        private readonly int[] _frequent = new int[itemOfRank.Length];
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
        /// of the baskets that hold the item rather than from one tree of all baskets: a path is read backwards from the
        /// item to its start, where a tree would be climbed node by node through memory far bigger than the caches (half
        /// a million nodes on the retail benchmark, hardly fewer than the 780,000 items of its paths; that climb was most
        /// of the mining time).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Grow(PathList paths)
        {
            for (var rank = 0; rank < itemOfRank.Length; rank++)
            {
                Emit(0, rank, paths.OccurrencesOf(rank).Length);
                if (maxLength < 2) continue;
                var conditional = TreeAt(1);
                var conditionalItems = ItemsAt(1);
                if (Project(paths, rank, conditional, conditionalItems)) Grow(conditional, conditionalItems, 1);
            }
        }

        /// <param name="items">The tree's frequent ranks with their counts, ascending.</param>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Emit(int depth, int rank, int count)
        {
            ct.ThrowIfCancellationRequested();
            if (Found.Count == maxItemsets) throw new MiningLimitException(MiningLimitException.Itemsets, maxItemsets);
            _suffix[depth] = rank;
            var itemset = new int[depth + 1];
            for (var d = 0; d <= depth; d++) itemset[d] = itemOfRank[_suffix[d]];
            SmallSort.Sort(itemset);
            Found.Add(new FrequentItemset(itemset, count));
        }

        /// <summary>
        /// Fills <paramref name="target"/> with the conditional tree of <paramref name="rank"/> from the paths that hold it:
        /// their ranks before it, without those that are not frequent among them. False when none is.
        /// </summary>
        /// <remarks>
        /// Five million steps on retail.dat, in 780,000 short runs, one per (basket, item). Two things make them slow,
        /// and both are avoided here:
        /// <list type="bullet">
        /// <item>Each run starts at a place in 3.5 MB of paths that the caches do not hold, and the mispredicted end of
        /// the run before it stops the processor from reading ahead by itself: every run waited for memory. So each one
        /// also reads the first rank of the run <see cref="LookAhead"/> occurrences later, a load that nothing waits for
        /// but that brings its cache line in while the runs in between are counted (a third less time on retail.dat).</item>
        /// <item>Branches that depend on the data: half of the ranks met are infrequent, so such a branch is mispredicted
        /// half of the time. A rank is written to the touched list or the path always, and the end of the list moves on
        /// only when it should.</item>
        /// </list>
        /// </remarks>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool Project(PathList paths, int rank, FpTree target, List<RankCount> targetItems)
        {
            var (ranks, support, touched, path) = (paths.Ranks, _support, _touchedRanks, _path);
            var occurrences = paths.OccurrencesOf(rank);
            var ahead = 0; // the looked-ahead ranks, summed so that the loads are not dropped as unused
            // First pass: the support of every rank before this one in its paths.
            var touchedCount = 0;
            for (var k = 0; k < occurrences.Length; k++)
            {
                Tick();
                if (k + LookAhead < occurrences.Length) ahead += ranks[occurrences[k + LookAhead] - 1];
                for (var i = occurrences[k] - 1; ranks[i] >= 0; i--)
                {
                    var r = ranks[i];
                    touched[touchedCount] = r;
                    touchedCount += support[r]++ == 0 ? 1 : 0;
                }
            }
            if (FrequentOnes(touched.AsSpan(0, touchedCount), targetItems))
            {
                // Second pass: the same ranks, frequent ones only, into the conditional tree (ascending, as they were read backwards).
                target.Clear();
                for (var k = 0; k < occurrences.Length; k++)
                {
                    Tick();
                    if (k + LookAhead < occurrences.Length) ahead += ranks[occurrences[k + LookAhead] - 1];
                    var length = 0;
                    for (var i = occurrences[k] - 1; ranks[i] >= 0; i--)
                    {
                        var r = ranks[i];
                        path[length] = r;
                        length += support[r] >= minCount ? 1 : 0;
                    }
                    target.InsertReversed(path.AsSpan(0, length));
                }
            }
            foreach (var r in touched.AsSpan(0, touchedCount)) support[r] = 0;
            _lookedAhead += ahead;
            return targetItems.Count > 0;
        }

        /// <summary>How many occurrences ahead a projection reads a path's start (8 and 16 measured the same on retail.dat).</summary>
        private const int LookAhead = 8;

        /// <summary>Where the looked-ahead ranks go: a field, so that the compiler cannot prove them unused and drop the loads.</summary>
        private int _lookedAhead;

        /// <summary>
        /// The touched ranks that are frequent, with their supports, into <paramref name="targetItems"/> (ascending); false
        /// when none is. Leaves the supports as they are.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool FrequentOnes(ReadOnlySpan<int> touched, List<RankCount> targetItems)
        {
            targetItems.Clear();
            var frequent = _frequent;
            var count = 0;
            foreach (var r in touched)
                if (_support[r] >= minCount) frequent[count++] = r;
            SmallSort.Sort(frequent.AsSpan(0, count));
            foreach (var r in frequent.AsSpan(0, count)) targetItems.Add(new RankCount(r, _support[r]));
            return count > 0;
        }

        /// <summary>
        /// Fills <paramref name="target"/> with the conditional tree of <paramref name="rank"/>: the paths above its nodes,
        /// weighted by their counts, without the ranks that are not frequent among them. False when none is.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool Project(FpTree tree, int rank, FpTree target, List<RankCount> targetItems)
        {
            var (links, counts, next, support, touched) = (tree.Links, tree.Count, tree.Next, _support, _touchedRanks);
            // First pass: the support of every rank in the prefix paths.
            var touchedCount = 0;
            for (var n = tree.Head[rank]; n != 0; n = next[n])
            {
                Tick();
                var weight = counts[n];
                for (var a = links[n].Parent; a != 0; a = links[a].Parent)
                {
                    var r = links[a].Rank;
                    if (support[r] == 0) touched[touchedCount++] = r;
                    support[r] += weight;
                }
            }
            if (FrequentOnes(touched.AsSpan(0, touchedCount), targetItems))
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
            foreach (var r in touched.AsSpan(0, touchedCount)) support[r] = 0;
            return targetItems.Count > 0;
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
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Clear()
        {
            foreach (var r in _ranks) Head[r] = _rootChild[r] = 0;
            _ranks.Clear();
            _nodes = 1;
            _firstChild[0] = 0;
        }

        /// <summary>Adds one basket's path, given in descending rank order (as read backwards), sharing the prefix the tree holds already.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void InsertReversed(ReadOnlySpan<int> ranks)
        {
            var node = 0;
            for (var i = ranks.Length - 1; i >= 0; i--)
            {
                node = Child(node, ranks[i]);
                Count[node]++;
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

    /// <summary>Equality of sorted item-id arrays, for support look-ups (compiled optimised at once: 50,000 look-ups per run).</summary>
    private sealed class ItemsComparer : IEqualityComparer<int[]>
    {
        public static readonly ItemsComparer Instance = new();

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int GetHashCode(int[] items)
        {
            var hash = new HashCode();
            foreach (var i in items) hash.Add(i);
            return hash.ToHashCode();
        }
    }
}
