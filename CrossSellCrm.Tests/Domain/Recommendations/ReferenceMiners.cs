using CrossSellCrm.Domain.Recommendations.Mining;

namespace CrossSellCrm.Tests.Domain.Recommendations;

/// <summary>
/// Two independent miners to check the FP-growth one against: brute force (every subset of every
/// basket, for small data) and a plain level-wise Apriori (for the real files). Both use the same
/// definitions: support = count / baskets ≥ minimum; one item on the right; confidence = count(rule) / count(left).
/// </summary>
public static class ReferenceMiners
{
    public static Dictionary<string, int> BruteForceItemsets(BasketSet set, double minSupport, int maxLength)
    {
        var counts = new Dictionary<string, int>();
        foreach (var basket in set.Baskets)
            for (var mask = 1; mask < 1 << basket.Length; mask++)
            {
                var items = Enumerable.Range(0, basket.Length).Where(i => (mask & (1 << i)) != 0).Select(i => basket[i]).ToArray();
                if (items.Length > maxLength) continue;
                var key = Key(items);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        return counts.Where(c => (double)c.Value / set.Count >= minSupport).ToDictionary(c => c.Key, c => c.Value);
    }

    public static Dictionary<string, int> AprioriItemsets(BasketSet set, double minSupport, int maxLength)
    {
        var result = new Dictionary<string, int>();
        var baskets = set.Baskets.Select(b => b.ToHashSet()).ToList();
        var level = set.Baskets.SelectMany(b => b).Distinct().Order().Select(i => new[] { i }).ToList();
        for (var k = 1; k <= maxLength && level.Count > 0; k++)
        {
            var frequent = new List<int[]>();
            foreach (var candidate in level)
            {
                var count = baskets.Count(b => candidate.All(b.Contains));
                if ((double)count / set.Count < minSupport) continue;
                frequent.Add(candidate);
                result[Key(candidate)] = count;
            }
            // Join itemsets that share all but their last item; keep candidates whose every subset is frequent.
            var known = frequent.Select(Key).ToHashSet();
            level = [];
            for (var a = 0; a < frequent.Count; a++)
                for (var b = a + 1; b < frequent.Count; b++)
                {
                    if (!frequent[a].AsSpan(0, k - 1).SequenceEqual(frequent[b].AsSpan(0, k - 1))) continue;
                    var candidate = frequent[a].Append(frequent[b][k - 1]).Order().ToArray();
                    if (Enumerable.Range(0, candidate.Length).All(skip => known.Contains(Key(candidate.Where((_, i) => i != skip)))))
                        level.Add(candidate);
                }
        }
        return result;
    }

    /// <summary>
    /// Level-wise Apriori that counts the candidates of level k + 1 by listing each basket's (k + 1)-subsets of its items
    /// in frequent k-itemsets and keeping those whose every k-subset is frequent: for files with thousands of frequent
    /// items, where <see cref="AprioriItemsets"/> would test a million candidates against every basket.
    /// </summary>
    public static Dictionary<string, int> AprioriBySubsets(BasketSet set, double minSupport, int maxLength)
    {
        var result = new Dictionary<string, int>();
        var counts = new Dictionary<string, int>();
        foreach (var basket in set.Baskets)
            foreach (var item in basket)
                counts[Key([item])] = counts.GetValueOrDefault(Key([item])) + 1;
        for (var k = 1; k <= maxLength; k++)
        {
            var frequent = counts.Where(c => (double)c.Value / set.Count >= minSupport).Select(c => c.Key).ToHashSet();
            if (frequent.Count == 0) break;
            foreach (var key in frequent) result[key] = counts[key];
            if (k == maxLength) break;
            var alive = frequent.SelectMany(key => key.Split(' ').Select(int.Parse)).ToHashSet();
            counts = [];
            foreach (var basket in set.Baskets)
            {
                var items = basket.Where(alive.Contains).ToArray(); // ascending, as the basket
                foreach (var candidate in Subsets(items, k + 1))
                {
                    if (!Enumerable.Range(0, candidate.Length).All(skip => frequent.Contains(Key(candidate.Where((_, i) => i != skip))))) continue;
                    var key = Key(candidate);
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            }
        }
        return result;
    }

    /// <summary>Every subset of <paramref name="size"/> of the items, each in the items' order.</summary>
    private static IEnumerable<int[]> Subsets(int[] items, int size)
    {
        var chosen = new int[size];
        IEnumerable<int[]> From(int start, int depth)
        {
            if (depth == size)
            {
                yield return (int[])chosen.Clone();
                yield break;
            }
            for (var i = start; i <= items.Length - (size - depth); i++)
            {
                chosen[depth] = items[i];
                foreach (var subset in From(i + 1, depth + 1)) yield return subset;
            }
        }
        return From(0, 0);
    }

    /// <summary>Rules from reference itemsets, counting the left side's baskets directly.</summary>
    public static Dictionary<string, (int Count, double Confidence)> Rules(BasketSet set, Dictionary<string, int> itemsets, MiningOptions options)
    {
        var rules = new Dictionary<string, (int, double)>();
        foreach (var (key, count) in itemsets)
        {
            var items = key.Split(' ').Select(int.Parse).ToArray();
            if (items.Length < options.MinLength || items.Length > options.MaxLength) continue;
            foreach (var consequent in items)
            {
                var antecedent = items.Where(i => i != consequent).ToArray();
                var antecedentCount = set.Baskets.Count(b => antecedent.All(b.Contains));
                var confidence = (double)count / antecedentCount;
                if (confidence >= options.MinConfidence) rules[$"{Key(antecedent)} => {consequent}"] = (count, confidence);
            }
        }
        return rules;
    }

    public static string Key(IEnumerable<int> items) => string.Join(' ', items.Order());
}
