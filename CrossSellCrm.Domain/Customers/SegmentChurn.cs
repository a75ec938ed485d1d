using System.Collections.Concurrent;
using CrossSellCrm.Domain.Changes;
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
/// Every segment's members, as sorted customer ids: what the churn of a set of segments is counted over, in memory. Read
/// in one ordered scan of the memberships (about 200,000 rows for 100,000 customers, under a megabyte); reading the
/// members of each new segment set instead was most of the database's work when twenty reps opened customers at once.
/// </summary>
public sealed class SegmentMembers(IReadOnlyDictionary<int, int[]> bySegment)
{
    public IReadOnlyDictionary<int, int[]> BySegment { get; } = bySegment;

    public static async Task<SegmentMembers> LoadAsync(IDbContextFactory<CrmDbContext> factory, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var bySegment = new Dictionary<int, List<int>>();
        await foreach (var m in db.SegmentMemberships.AsNoTracking().OrderBy(m => m.SegmentId).ThenBy(m => m.CustomerId)
                           .Select(m => new { m.SegmentId, m.CustomerId }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!bySegment.TryGetValue(m.SegmentId, out var members)) bySegment[m.SegmentId] = members = [];
            members.Add(m.CustomerId);
        }
        return new SegmentMembers(bySegment.ToDictionary(k => k.Key, k => k.Value.ToArray()));
    }

    /// <summary>The customers in at least one of <paramref name="segments"/>, each once, in ascending order (a merge of the sorted lists).</summary>
    public IEnumerable<int> Union(IEnumerable<int> segments)
    {
        var lists = segments.Distinct().Select(id => BySegment.GetValueOrDefault(id) ?? []).Where(l => l.Length > 0).ToArray();
        var next = new int[lists.Length];
        var last = int.MinValue;
        while (true)
        {
            var smallest = -1;
            for (var i = 0; i < lists.Length; i++)
                if (next[i] < lists[i].Length && (smallest < 0 || lists[i][next[i]] < lists[smallest][next[smallest]])) smallest = i;
            if (smallest < 0) yield break;
            var id = lists[smallest][next[smallest]++];
            if (id != last) yield return last = id;
        }
    }
}

/// <summary>
/// The yearly churn of a set of segments, computed once a day per set (it moves slowly, while reps open many customers
/// of the same segments), the day's <see cref="YearActivity"/> it is counted from, read once for all sets, and the
/// segments' members (<see cref="SegmentMembers"/>), read once and again after a segment changed: when twenty reps open
/// customers of twenty different segment sets at once, two years of orders and the memberships are read once, not twenty times.
/// </summary>
public sealed class SegmentChurnCache
{
    private readonly ConcurrentDictionary<(string Segments, DateOnly Day), (double? Rate, string Basis)> _rates = new();
    private (DateOnly Day, Task<YearActivity> Load)? _activity;
    private Task<SegmentMembers>? _members;
    private readonly Lock _gate = new();

    /// <param name="changes">When a segment is saved, recomputed or deleted, its members are read again and the rates counted again.</param>
    public SegmentChurnCache(ChangeHub? changes = null)
    {
        if (changes is not null) changes.Changed += change => { if (change is SegmentChanged) Forget(); };
    }

    private void Forget()
    {
        lock (_gate) _members = null;
        _rates.Clear();
    }

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

    /// <summary>The segments' members: loaded by the first caller (after a change), awaited by everyone who asks meanwhile; a failed load is tried again.</summary>
    public Task<SegmentMembers> MembersAsync(Func<Task<SegmentMembers>> load)
    {
        lock (_gate)
        {
            if (_members is { IsFaulted: false, IsCanceled: false } current) return current;
            return _members = Task.Run(load); // on the pool, as the activity above
        }
    }
}
