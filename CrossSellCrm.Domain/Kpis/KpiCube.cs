using CrossSellCrm.Domain.Recommendations;

namespace CrossSellCrm.Domain.Kpis;

/// <summary>One order line as the dashboard counts it. Day = <see cref="DateOnly.DayNumber"/> of the order (UTC).</summary>
public readonly record struct SaleFact(int Order, int Customer, int Day, int Product, int Category, float Revenue, float Margin, short Quantity);

/// <summary>One answered offer. Rep = index into <see cref="KpiCube.Reps"/> (−1: none).</summary>
/// <summary>One product the shop's widget showed (an impression) or a visitor clicked, on a day.</summary>
public readonly record struct WidgetFact(int Day, int Product, int Category, bool Click);

public readonly record struct OfferFact(long Id, int Customer, int Day, int Product, int Category, short Rep, OfferOutcome Outcome,
    Customers.ContactChannel Channel = Customers.ContactChannel.Phone);

/// <summary>A customer as the dashboard filters them: assigned rep (index, −1 none) and segments as a bit mask.</summary>
public readonly record struct CustomerFact(short Rep, ulong Segments);

/// <summary>The dashboard's filters; every widget obeys all of them. Empty sets mean "all".</summary>
public sealed record KpiFilter(DateOnly From, DateOnly To, IReadOnlySet<int>? Segments = null, IReadOnlySet<string>? Reps = null, IReadOnlySet<int>? Categories = null)
{
    /// <summary>The preceding period of equal length.</summary>
    public KpiFilter Previous => this with { From = From.AddDays(-(To.DayNumber - From.DayNumber)), To = From };
    public int Days => To.DayNumber - From.DayNumber;
}

/// <summary>
/// Every order line, answered offer and customer the dashboard needs, as flat arrays sorted by day:
/// a 12-month dashboard over a million lines is a few scans of memory, not a round of SQL per widget.
/// Immutable; new facts (an accepted offer's order) make a new cube that shares the arrays
/// (<see cref="With"/>). Pure: no EF, no clock.
/// </summary>
public sealed class KpiCube
{
    private readonly SaleFact[] _sales;        // sorted by day
    private readonly OfferFact[] _offers;      // sorted by day
    private readonly CustomerFact[] _customers; // by customer id
    private readonly int[] _segmentBit;        // segment id → bit (or −1)

    public KpiCube(IEnumerable<SaleFact> sales, IEnumerable<OfferFact> offers, IReadOnlyList<CustomerFact> customersById,
        IReadOnlyList<(int Id, string Name)> segments, IReadOnlyList<(string Id, string Name)> reps, IReadOnlyDictionary<int, string> categories,
        IReadOnlyDictionary<int, string> products, IReadOnlyList<(int Anchor, int Complement)> complements)
    {
        _sales = sales.OrderBy(s => s.Day).ThenBy(s => s.Order).ToArray();
        _offers = offers.OrderBy(o => o.Day).ThenBy(o => o.Id).ToArray();
        _customers = customersById.ToArray();
        Segments = segments.Take(64).ToList();
        _segmentBit = new int[Segments.Count == 0 ? 1 : Segments.Max(s => s.Id) + 1];
        Array.Fill(_segmentBit, -1);
        for (var i = 0; i < Segments.Count; i++) _segmentBit[Segments[i].Id] = i;
        Reps = reps;
        Categories = categories;
        Products = products;
        Complements = complements;
        ComplementsOf = complements.Select((c, i) => (c.Anchor, c.Complement, Pair: i)).GroupBy(c => c.Anchor)
            .ToDictionary(g => g.Key, g => g.DistinctBy(c => c.Complement).Select(c => (c.Complement, c.Pair)).ToArray());
        MaxProductId = Math.Max(products.Keys.DefaultIfEmpty().Max(), complements.Select(c => Math.Max(c.Anchor, c.Complement)).DefaultIfEmpty().Max());
        _isComplement = new bool[complements.Count == 0 ? 0 : complements.Max(c => c.Complement) + 1];
        foreach (var (_, complement) in complements) _isComplement[complement] = true;
    }

    private KpiCube(KpiCube other, SaleFact[] sales, OfferFact[] offers, CustomerFact[] customers,
        IReadOnlyList<(int Id, string Name)>? segments = null, int[]? segmentBit = null)
    {
        (_sales, _offers, _customers, _segmentBit) = (sales, offers, customers, segmentBit ?? other._segmentBit);
        (Segments, Reps, Categories, Products, Complements) = (segments ?? other.Segments, other.Reps, other.Categories, other.Products, other.Complements);
        (ComplementsOf, _isComplement, MaxProductId) = (other.ComplementsOf, other._isComplement, other.MaxProductId);
        SegmentNamesDe = other.SegmentNamesDe;
        ShopWidget = other.ShopWidget;
    }

    /// <summary>The shop widget's impressions and clicks, sorted by day (anonymous mostly: no segment or rep applies to them).</summary>
    public IReadOnlyList<WidgetFact> ShopWidget { get; init; } = [];

    /// <summary>German names of the segments that have one (the cube serves readers of both languages).</summary>
    public IReadOnlyDictionary<int, string> SegmentNamesDe { get; init; } = new Dictionary<int, string>();

    public string SegmentName(int id, string language) =>
        Localization.Messages.Pick(language, Segments.FirstOrDefault(s => s.Id == id).Name ?? "", SegmentNamesDe.GetValueOrDefault(id));

    public IReadOnlyList<(int Id, string Name)> Segments { get; }
    public IReadOnlyList<(string Id, string Name)> Reps { get; }
    public IReadOnlyDictionary<int, string> Categories { get; }
    public IReadOnlyDictionary<int, string> Products { get; }
    /// <summary>Curated (anchor, complement) pairs: what attach rates are measured on.</summary>
    public IReadOnlyList<(int Anchor, int Complement)> Complements { get; }
    /// <summary>Per anchor: its complements with the index of the (anchor, complement) pair in <see cref="Complements"/>.</summary>
    internal IReadOnlyDictionary<int, (int Complement, int Pair)[]> ComplementsOf { get; }
    internal int MaxProductId { get; }
    private readonly bool[] _isComplement;
    internal bool IsComplement(int product) => product < _isComplement.Length && _isComplement[product];
    public int SaleCount => _sales.Length;
    public int OfferCount => _offers.Length;

    /// <summary>A cube with new facts added (they are the newest: appended, the order kept by day).</summary>
    public KpiCube With(IReadOnlyList<SaleFact> sales, IReadOnlyList<OfferFact> offers, int? newCustomerId = null, CustomerFact newCustomer = default)
    {
        var customers = _customers;
        if (newCustomerId is { } id && id >= customers.Length)
        {
            customers = new CustomerFact[id + 1];
            Array.Copy(_customers, customers, _customers.Length);
            Array.Fill(customers, new CustomerFact(-1, 0), _customers.Length, id - _customers.Length);
            customers[id] = newCustomer;
        }
        return new KpiCube(this, Merge(_sales, sales, s => s.Day), Merge(_offers, offers, o => o.Day), customers) { ParentRef = new(this), AddedSales = sales };
    }

    /// <summary>
    /// A cube without an order's lines and an answered offer (a rep took the answer back). Answers are taken back
    /// within minutes, so the removed lines are today's and the parent's per-customer totals (sales before today) still hold.
    /// </summary>
    public KpiCube Without(int? order, long offer)
    {
        var removed = order is { } o ? _sales.Where(s => s.Order == o).ToArray() : [];
        var sales = removed.Length == 0 ? _sales : _sales.Where(s => s.Order != order).ToArray();
        var offers = _offers.Any(x => x.Id == offer) ? _offers.Where(x => x.Id != offer).ToArray() : _offers;
        return new KpiCube(this, sales, offers, _customers) { ParentRef = new(this), AddedSales = removed };
    }

    /// <summary>The cube this one was derived from (appended facts or a changed segment): its per-customer totals can be reused.</summary>
    /// <remarks>Weak: a long run of appends must not keep every older cube's arrays alive.</remarks>
    internal KpiCube? Parent => ParentRef is not null && ParentRef.TryGetTarget(out var parent) ? parent : null;
    private WeakReference<KpiCube>? ParentRef { get; init; }
    /// <summary>Lines added (or removed, by <see cref="Without"/>) since <see cref="Parent"/>.</summary>
    internal IReadOnlyList<SaleFact> AddedSales { get; init; } = [];
    /// <summary>Only the segment masks differ from <see cref="Parent"/>.</summary>
    internal bool MasksChanged { get; init; }

    /// <summary>
    /// A cube in which a segment has these members (a saved or recomputed segment), or no longer exists
    /// (<paramref name="members"/> null). Sales and offers are shared; only the customers' masks are copied.
    /// </summary>
    public KpiCube WithSegment(int segmentId, string name, IReadOnlyCollection<int>? members, string? nameDe = null)
    {
        var namesDe = new Dictionary<int, string>(SegmentNamesDe);
        if (nameDe is null) namesDe.Remove(segmentId); else namesDe[segmentId] = nameDe;
        var segments = Segments.ToList();
        var bit = SegmentBit(segmentId);
        if (bit < 0 && members is null) return this;
        if (bit < 0)
        {
            if (segments.Count >= 64) return this; // the mask holds 64 segments; the rebuild picks the first 64 by name
            bit = segments.Count;
            segments.Add((segmentId, name));
        }
        else segments[bit] = (segmentId, name);
        var customers = (CustomerFact[])_customers.Clone();
        var flag = 1UL << bit;
        for (var c = 0; c < customers.Length; c++) customers[c] = customers[c] with { Segments = customers[c].Segments & ~flag };
        foreach (var c in members ?? [])
            if (c < customers.Length) customers[c] = customers[c] with { Segments = customers[c].Segments | flag };
        var segmentBit = new int[Math.Max(_segmentBit.Length, segmentId + 1)];
        Array.Fill(segmentBit, -1);
        Array.Copy(_segmentBit, segmentBit, _segmentBit.Length);
        if (members is null)
        {
            // Keep the bit reserved (other masks use later bits); the segment just has no one and no name in lists.
            segments[bit] = (segmentId, name);
            segmentBit[segmentId] = bit;
            return new KpiCube(this, _sales, _offers, customers, segments, segmentBit) { RemovedSegments = [.. RemovedSegments, segmentId], ParentRef = new(this), MasksChanged = true, SegmentNamesDe = namesDe };
        }
        segmentBit[segmentId] = bit;
        return new KpiCube(this, _sales, _offers, customers, segments, segmentBit)
        {
            RemovedSegments = RemovedSegments.Where(s => s != segmentId).ToList(), ParentRef = new(this), MasksChanged = true, SegmentNamesDe = namesDe,
        };
    }

    /// <summary>Deleted since the build: their bits stay reserved, their bars are not shown.</summary>
    internal IReadOnlyList<int> RemovedSegments { get; init; } = [];

    private static T[] Merge<T>(T[] sorted, IReadOnlyList<T> added, Func<T, int> day)
    {
        if (added.Count == 0) return sorted;
        var merged = new T[sorted.Length + added.Count];
        Array.Copy(sorted, merged, sorted.Length);
        for (var i = 0; i < added.Count; i++) merged[sorted.Length + i] = added[i];
        // Appended facts are normally today's, so this is already in order; a back-dated one is sorted in.
        if (sorted.Length > 0 && added.Min(day) < day(sorted[^1])) Array.Sort(merged, (a, b) => day(a).CompareTo(day(b)));
        return merged;
    }

    /// <summary>The summed all-time margin (historical CLV) of these customers, up to <paramref name="today"/>.</summary>
    public decimal HistoricalMargin(IEnumerable<int> customers, DateOnly today)
    {
        var margin = CustomerTotals.Of(this, today).Margin;
        var sum = 0m;
        foreach (var c in customers)
            if (c < margin.Length) sum += margin[c];
        return sum;
    }

    internal CustomerFact CustomerOf(int customer) => customer < _customers.Length ? _customers[customer] : new CustomerFact(-1, 0);

    internal int SegmentBit(int segmentId) => segmentId < _segmentBit.Length ? _segmentBit[segmentId] : -1;

    internal int CustomerCapacity => _customers.Length;

    /// <summary>The lines of days [from, to).</summary>
    internal ReadOnlySpan<SaleFact> Sales(int from, int to) => _sales.AsSpan(Lower(_sales, from, s => s.Day), Lower(_sales, to, s => s.Day) - Lower(_sales, from, s => s.Day));

    internal ReadOnlySpan<OfferFact> Offers(int from, int to) => _offers.AsSpan(Lower(_offers, from, o => o.Day), Lower(_offers, to, o => o.Day) - Lower(_offers, from, o => o.Day));

    internal ReadOnlySpan<SaleFact> AllSales => _sales;

    internal SaleFact Sale(int index) => _sales[index];

    /// <summary>
    /// Each customer's lines in day order, as indexes into the sales array (compressed rows: customer c's
    /// lines are <c>Lines[Start[c]..Start[c + 1]]</c>). Built once per cube on first use, by a counting sort.
    /// </summary>
    internal CustomerLines ByCustomer => Volatile.Read(ref _byCustomer) ?? Interlocked.CompareExchange(ref _byCustomer, BuildByCustomer(), null) ?? _byCustomer!;
    private CustomerLines? _byCustomer;

    internal sealed record CustomerLines(int[] Start, int[] Lines);

    private CustomerLines BuildByCustomer()
    {
        var capacity = Math.Max(_customers.Length, _sales.Length == 0 ? 0 : _sales.Max(s => s.Customer) + 1);
        var start = new int[capacity + 1];
        foreach (var s in _sales) start[s.Customer + 1]++;
        for (var c = 0; c < capacity; c++) start[c + 1] += start[c];
        var next = (int[])start.Clone();
        var lines = new int[_sales.Length];
        for (var i = 0; i < _sales.Length; i++) lines[next[_sales[i].Customer]++] = i; // stable: day order kept
        return new CustomerLines(start, lines);
    }

    private static int Lower<T>(T[] sorted, int day, Func<T, int> dayOf)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (dayOf(sorted[mid]) < day) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
