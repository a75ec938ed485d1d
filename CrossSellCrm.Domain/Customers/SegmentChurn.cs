using System.Collections.Concurrent;
using CrossSellCrm.Domain.Kpis;
using CrossSellCrm.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Customers;

/// <summary>
/// Who ordered in the year before last, and of those who ordered again in the last year: what the yearly churn of any
/// set of customers is counted from. One read of two years of orders (about 0.3 s at a million lines), kept for the day.
/// </summary>
public sealed class YearActivity(IReadOnlyDictionary<int, bool> stayedByActive)
{
    /// <summary>Customers who ordered in the year before last, each with whether they ordered in the last year.</summary>
    public IReadOnlyDictionary<int, bool> StayedByActive { get; } = stayedByActive;

    public static async Task<YearActivity> LoadAsync(IDbContextFactory<CrmDbContext> factory, DateTime now, CancellationToken ct = default)
    {
        var yearAgo = now.AddYears(-1);
        var twoYearsAgo = now.AddYears(-2);
        await using var db = await factory.CreateDbContextAsync(ct);
        var active = await db.Orders.Where(o => o.OrderedAt >= twoYearsAgo)
            .GroupBy(o => o.CustomerId)
            .Where(g => g.Min(o => o.OrderedAt) < yearAgo)
            .Select(g => new { Customer = g.Key, Stayed = g.Max(o => o.OrderedAt) >= yearAgo })
            .ToDictionaryAsync(x => x.Customer, x => x.Stayed, ct);
        return new YearActivity(active);
    }

    /// <summary>The share of the active customers (of <paramref name="customers"/>, or of everyone) who did not order again.</summary>
    public double? Churn(IEnumerable<int>? customers = null)
    {
        if (customers is null) return KpiFormulas.Rate(StayedByActive.Values.Count(stayed => !stayed), StayedByActive.Count);
        int active = 0, churned = 0;
        foreach (var id in customers)
        {
            if (!StayedByActive.TryGetValue(id, out var stayed)) continue;
            active++;
            if (!stayed) churned++;
        }
        return KpiFormulas.Rate(churned, active);
    }
}

/// <summary>
/// The yearly churn of a set of segments, computed once a day per set (it moves slowly, while reps open many customers
/// of the same segments), and the day's <see cref="YearActivity"/> it is counted from, read once for all sets: when
/// twenty reps open customers of twenty different segment sets at once, two years of orders are read once, not twenty times.
/// </summary>
public sealed class SegmentChurnCache
{
    private readonly ConcurrentDictionary<(string Segments, DateOnly Day), (double? Rate, string Basis)> _rates = new();
    private (DateOnly Day, Task<YearActivity> Load)? _activity;
    private readonly Lock _gate = new();

    public async Task<(double? Rate, string Basis)> GetAsync(IReadOnlyList<int> segments, DateTime now, Func<Task<(double? Rate, string Basis)>> compute)
    {
        var key = (string.Join(",", segments.Order()), DateOnly.FromDateTime(now));
        if (_rates.TryGetValue(key, out var known)) return known;
        var rate = await compute();
        foreach (var old in _rates.Keys.Where(k => k.Day != key.Item2)) _rates.TryRemove(old, out _); // yesterday's rates are stale
        _rates[key] = rate;
        return rate;
    }

    /// <summary>The day's activity: loaded by the first caller of the day, awaited by everyone who asks meanwhile; a failed load is tried again.</summary>
    public Task<YearActivity> ActivityAsync(DateTime now, Func<Task<YearActivity>> load)
    {
        var day = DateOnly.FromDateTime(now);
        lock (_gate)
        {
            if (_activity is { } current && current.Day == day && !current.Load.IsFaulted && !current.Load.IsCanceled) return current.Load;
            // Started on the pool, not here: SQLite reads synchronously, and the query must not run inside the lock
            // while every other circuit asking for it blocks a thread on the lock (twenty reps: a starved pool, 13 s).
            var task = Task.Run(load);
            _activity = (day, task);
            return task;
        }
    }
}
