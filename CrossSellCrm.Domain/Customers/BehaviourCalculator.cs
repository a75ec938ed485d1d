using CrossSellCrm.Domain.Orders;

namespace CrossSellCrm.Domain.Customers;

/// <summary>An order, reduced to what the behavioural dimension needs.</summary>
public readonly record struct OrderFact(int CustomerId, int OrderId, DateTime OrderedAt, SalesChannel Channel);

/// <summary>An order line, reduced to what the behavioural dimension needs.</summary>
public readonly record struct LineFact(int OrderId, string Brand, int CategoryId, int Quantity, decimal Revenue);

/// <summary>
/// Computes the behavioural dimension (RFM, brand loyalty, category breadth, preferred channel)
/// from orders. Pure: the caller loads the facts and stores the profiles.
/// </summary>
public static class BehaviourCalculator
{
    public static Dictionary<int, BehaviourProfile> Compute(
        IEnumerable<int> customerIds, IEnumerable<OrderFact> orders, IEnumerable<LineFact> lines, DateTime asOf)
    {
        var profiles = customerIds.ToDictionary(id => id, _ => new BehaviourProfile { ComputedAt = asOf });
        var customerOfOrder = new Dictionary<int, int>();
        var channels = new Dictionary<int, int[]>();
        foreach (var o in orders)
        {
            if (!profiles.TryGetValue(o.CustomerId, out var p)) continue;
            customerOfOrder[o.OrderId] = o.CustomerId;
            p.Frequency++;
            if (p.FirstOrderAt is null || o.OrderedAt < p.FirstOrderAt) p.FirstOrderAt = o.OrderedAt;
            if (p.LastOrderAt is null || o.OrderedAt > p.LastOrderAt) p.LastOrderAt = o.OrderedAt;
            if (!channels.TryGetValue(o.CustomerId, out var counts)) channels[o.CustomerId] = counts = new int[3];
            counts[(int)o.Channel]++;
        }

        var brands = new Dictionary<int, Dictionary<string, int>>();
        var categories = new Dictionary<int, HashSet<int>>();
        foreach (var l in lines)
        {
            if (!customerOfOrder.TryGetValue(l.OrderId, out var customerId)) continue;
            var p = profiles[customerId];
            p.Monetary += l.Revenue;
            if (l.Quantity <= 0) continue; // a return does not make anyone loyal
            if (!brands.TryGetValue(customerId, out var perBrand)) brands[customerId] = perBrand = [];
            perBrand[l.Brand] = perBrand.GetValueOrDefault(l.Brand) + l.Quantity;
            if (!categories.TryGetValue(customerId, out var set)) categories[customerId] = set = [];
            set.Add(l.CategoryId);
        }

        foreach (var (id, p) in profiles)
        {
            if (p.LastOrderAt is { } last) p.RecencyDays = Math.Max(0, (int)(asOf - last).TotalDays);
            if (brands.TryGetValue(id, out var perBrand))
            {
                var top = perBrand.OrderByDescending(b => b.Value).ThenBy(b => b.Key, StringComparer.Ordinal).First();
                p.TopBrand = top.Key;
                p.BrandLoyalty = (double)top.Value / perBrand.Values.Sum();
            }
            p.CategoryBreadth = categories.TryGetValue(id, out var set) ? set.Count : 0;
            if (channels.TryGetValue(id, out var counts))
                p.PreferredChannel = (SalesChannel)Array.IndexOf(counts, counts.Max());
        }

        var buyers = profiles.Values.Where(p => p.Frequency > 0).ToList();
        AssignQuintiles(buyers, p => -(p.RecencyDays ?? int.MaxValue), (p, s) => p.RecencyScore = s);
        AssignQuintiles(buyers, p => p.Frequency, (p, s) => p.FrequencyScore = s);
        AssignQuintiles(buyers, p => (double)p.Monetary, (p, s) => p.MonetaryScore = s);
        return profiles;
    }

    /// <summary>
    /// Quintile scores 1–5 by rank, higher value = higher score; equal values get the same score
    /// (the score of their first rank), so ties never split across two scores.
    /// </summary>
    public static void AssignQuintiles(List<BehaviourProfile> profiles, Func<BehaviourProfile, double> value, Action<BehaviourProfile, byte> set)
    {
        var n = profiles.Count;
        if (n == 0) return;
        var ordered = profiles.OrderBy(value).ToList();
        byte score = 1;
        for (var i = 0; i < n; i++)
        {
            if (i == 0 || value(ordered[i]) != value(ordered[i - 1]))
                score = (byte)(1 + i * 5 / n);
            set(ordered[i], score);
        }
    }
}
