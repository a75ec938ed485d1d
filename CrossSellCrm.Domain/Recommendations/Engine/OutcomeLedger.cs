using System.Collections.Concurrent;

namespace CrossSellCrm.Domain.Recommendations.Engine;

/// <summary>
/// Decided outcomes (accepted or declined) per (product, segment); segment 0 counts every customer.
/// The engine reads it on every decision, so a logged outcome changes the next propensity without
/// a restart. Thread-safe: reps log outcomes while others ask for offers.
/// </summary>
public sealed class OutcomeLedger
{
    private readonly ConcurrentDictionary<(int Product, int Segment), OutcomeCounts> _counts = new();

    public OutcomeLedger() { }

    public OutcomeLedger(IEnumerable<KeyValuePair<(int Product, int Segment), OutcomeCounts>> counts)
    {
        foreach (var (key, value) in counts) _counts[key] = value;
    }

    public OutcomeCounts Get(int product, int segment) => _counts.GetValueOrDefault((product, segment));

    /// <summary>Counts one decided outcome for the product overall and in each of the customer's segments.</summary>
    public void Record(int product, IEnumerable<int> segments, bool accepted)
    {
        foreach (var segment in segments.Prepend(0).Distinct())
            _counts.AddOrUpdate((product, segment),
                _ => new OutcomeCounts(1, accepted ? 1 : 0),
                (_, c) => new OutcomeCounts(c.Presented + 1, c.Accepted + (accepted ? 1 : 0)));
    }

    /// <summary>Forgets one decided outcome counted by <see cref="Record"/> (the rep took the answer back).</summary>
    public void Retract(int product, IEnumerable<int> segments, bool accepted)
    {
        foreach (var segment in segments.Prepend(0).Distinct())
            _counts.AddOrUpdate((product, segment),
                _ => default,
                (_, c) => new OutcomeCounts(Math.Max(0, c.Presented - 1), Math.Max(0, c.Accepted - (accepted ? 1 : 0))));
    }

    public IReadOnlyDictionary<(int Product, int Segment), OutcomeCounts> Snapshot() => new Dictionary<(int, int), OutcomeCounts>(_counts);
}
