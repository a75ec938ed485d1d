using CrossSellCrm.Domain.Recommendations;

namespace CrossSellCrm.Domain.Kpis;

/// <summary>One period's KPI inputs under a filter; the rates follow DESIGN.md §2 through <see cref="KpiFormulas"/>.</summary>
public sealed record KpiFigures(
    decimal Revenue, int Orders, int Lines, int Buyers, int CrossBuyers, int OffersPresented, int OffersAccepted,
    decimal CrossSellRevenue, int AnchorPurchases, int Attached, decimal HistoricalClvSum, decimal PredictedClvSum, int PredictedClvCustomers)
{
    public decimal? AverageOrderValue => KpiFormulas.AverageOrderValue(Revenue, Orders);
    public double? CrossSellingRate => KpiFormulas.Rate(CrossBuyers, Buyers);
    public double? OfferConversion => KpiFormulas.Rate(OffersAccepted, OffersPresented);
    /// <summary>Anchor purchases followed by one of the anchor's curated complements within 30 days.</summary>
    public double? AttachRate => KpiFormulas.Rate(Attached, AnchorPurchases);
    /// <summary>Lines per order.</summary>
    public double? BasketSize => Orders == 0 ? null : (double)Lines / Orders;
    /// <summary>Average historical CLV (all-time margin) of the period's buyers.</summary>
    public decimal? HistoricalClv => Buyers == 0 ? null : HistoricalClvSum / Buyers;
    public decimal? PredictedClv => PredictedClvCustomers == 0 ? null : PredictedClvSum / PredictedClvCustomers;
}

public enum TimeBucket { Week, Month }

/// <param name="Partial">The bucket is cut: by the period's range, or because it has not ended yet (this month so far).</param>
public sealed record TimePoint(DateOnly Start, decimal Revenue, int Orders, bool Partial = false)
{
    public decimal? AverageOrderValue => KpiFormulas.AverageOrderValue(Revenue, Orders);
}

public sealed record SegmentRate(int SegmentId, string Name, int Buyers, int CrossBuyers, decimal Revenue = 0, int OffersPresented = 0, int OffersAccepted = 0)
{
    public double? Rate => KpiFormulas.Rate(CrossBuyers, Buyers);
    public double? OfferConversion => KpiFormulas.Rate(OffersAccepted, OffersPresented);
}

public sealed record RepFunnel(string RepId, string Name, int Presented, int Accepted)
{
    public double? Rate => KpiFormulas.Rate(Accepted, Presented);
}

/// <summary>A curated pair: anchor buyers in the period, how many bought the complement within 30 days, and the lift over the complement's base rate.</summary>
public sealed record PairAttach(int Anchor, int Complement, string AnchorName, string ComplementName, int AnchorBuyers, int Attached, double? Lift)
{
    public double? Rate => KpiFormulas.Rate(Attached, AnchorBuyers);
}

public sealed record SegmentClv(int SegmentId, string Name, int Customers, decimal P25, decimal Median, decimal P75);

public sealed record ProductConversion(int ProductId, string Name, int Presented, int Accepted)
{
    public double? Rate => KpiFormulas.Rate(Accepted, Presented);
}

public sealed record DashboardResult(
    KpiFilter Filter, KpiFigures Current, KpiFigures Previous, TimeBucket Bucket, IReadOnlyList<TimePoint> Timeline,
    IReadOnlyList<SegmentRate> CrossSellingBySegment, IReadOnlyList<RepFunnel> FunnelByRep, IReadOnlyList<PairAttach> TopPairs,
    IReadOnlyList<SegmentClv> PredictedClvBySegment, IReadOnlyList<ProductConversion> ConversionByProduct,
    IReadOnlyList<ChannelConversion> ConversionByChannel, Shop.ShopWidgetStats FromTheShop, Shop.ShopWidgetStats FromTheShopBefore);

/// <summary>Offer conversion on one channel (a call, the shop counter, a campaign mail: accepted = bought within the campaign's window).</summary>
public sealed record ChannelConversion(Customers.ContactChannel Channel, int Presented, int Accepted)
{
    public double? Rate => KpiFormulas.Rate(Accepted, Presented);
}

/// <summary>A customer behind a number: what they did in the period, and whether they count (cross-buyer, attached …).</summary>
public sealed record DrillCustomer(int CustomerId, decimal Revenue, int Orders, bool Counts, decimal? Value = null);

public enum DrillWidget { Timeline, Segment, Pair, ClvSegment, Rep, Product }

/// <summary>
/// The manager's dashboard computed from a <see cref="KpiCube"/>: pure and single-threaded; every widget
/// obeys the filter (period, segments, reps, categories). Reps filter sales by the customer's assigned
/// rep and offers by the rep who made them; categories filter lines and offers by product category, and a
/// category's buyers count as cross-buyers when their other purchases in the period span another category.
/// </summary>
public static class KpiDashboard
{
    public const int AttachWindowDays = 30;

    /// <param name="minPairBuyers">A product pair is ranked only with at least this many anchor buyers.</param>
    public static DashboardResult Compute(KpiCube cube, KpiFilter filter, DateOnly today, int minPairBuyers = 10)
    {
        var scope = new Scope(cube, filter);
        var totals = CustomerTotals.Of(cube, today);
        var current = PeriodFigures(cube, scope, filter, totals);
        var previousFilter = filter.Previous;
        var previous = PeriodFigures(cube, new Scope(cube, previousFilter), previousFilter, totals);
        var bucket = filter.Days > 92 ? TimeBucket.Month : TimeBucket.Week;
        return new DashboardResult(filter, current.Figures, previous.Figures, bucket, Timeline(cube, scope, filter, bucket, today),
            BySegment(cube, scope, filter, current.State), ByRep(cube, scope, filter), Pairs(cube, current.Pairs, minPairBuyers),
            ClvBySegment(cube, scope, filter, totals, current.State), ByProduct(cube, scope, filter), ByChannel(cube, scope, filter),
            Widget(cube, filter), Widget(cube, previousFilter));
    }

    /// <summary>Which customers, lines and offers the filter lets through.</summary>
    private sealed class Scope
    {
        private readonly KpiCube _cube;
        private readonly ulong _segmentMask;
        private readonly HashSet<short>? _reps;
        private readonly IReadOnlySet<int>? _categories;

        public Scope(KpiCube cube, KpiFilter filter)
        {
            _cube = cube;
            if (filter.Segments is { Count: > 0 } segments)
                foreach (var s in segments)
                    if (cube.SegmentBit(s) is var bit and >= 0) _segmentMask |= 1UL << bit; // an unknown segment adds nobody
            HasSegmentFilter = filter.Segments is { Count: > 0 };
            if (filter.Reps is { Count: > 0 } reps)
                _reps = cube.Reps.Select((r, i) => (r.Id, (short)i)).Where(x => reps.Contains(x.Id)).Select(x => x.Item2).ToHashSet();
            _categories = filter.Categories is { Count: > 0 } c ? c : null;
        }

        public bool HasSegmentFilter { get; }

        public bool Customer(int id)
        {
            var c = _cube.CustomerOf(id);
            return (!HasSegmentFilter || (c.Segments & _segmentMask) != 0) && (_reps is null || _reps.Contains(c.Rep));
        }

        public bool Line(in SaleFact s) => _categories is null || _categories.Contains(s.Category);

        public bool Offer(in OfferFact o) =>
            (_categories is null || _categories.Contains(o.Category)) && (_reps is null || _reps.Contains(o.Rep))
            && (!HasSegmentFilter || (_cube.CustomerOf(o.Customer).Segments & _segmentMask) != 0);
    }

    private static (KpiFigures Figures, BuyerState State, PairTally Pairs) PeriodFigures(KpiCube cube, Scope scope, KpiFilter filter, CustomerTotals totals)
    {
        int from = filter.From.DayNumber, to = filter.To.DayNumber;
        var state = BuyerState.For(cube, scope, from, to);
        var (presented, accepted) = (0, 0);
        var acceptedOffers = new HashSet<(int Customer, int Product)>();
        var index = cube.ByCustomer;
        var crossSell = 0.0;
        foreach (ref readonly var o in cube.Offers(from, to))
        {
            if (!scope.Offer(o)) continue;
            presented++;
            if (o.Outcome != OfferOutcome.Accepted) continue;
            accepted++;
            state.Accepted(o.Customer);
            // Cross-sell revenue: what the customer spent on the offer's product within 30 days of saying yes (once per product).
            if (!acceptedOffers.Add((o.Customer, o.Product)) || o.Customer + 1 >= index.Start.Length) continue;
            for (var i = index.Start[o.Customer]; i < index.Start[o.Customer + 1]; i++)
            {
                var s = cube.Sale(index.Lines[i]);
                if (s.Product == o.Product && s.Day >= o.Day && s.Day < o.Day + AttachWindowDays && s.Day < to) crossSell += s.Revenue;
            }
        }
        var pairs = PairCounts(cube, scope, from, to, state);
        decimal historical = 0, predicted = 0;
        var predictedCount = 0;
        foreach (var c in state.BuyerIds)
        {
            if (c < totals.Margin.Length) historical += totals.Margin[c];
            if (totals.Predicted(c) is { } p) { predicted += p; predictedCount++; }
        }
        var figures = new KpiFigures(state.Revenue, state.Orders, state.Lines, state.BuyerIds.Count, state.CrossBuyers, presented, accepted,
            (decimal)Math.Round(crossSell, 2), pairs.AnchorPurchases, pairs.AttachedAnchors, historical, predicted, predictedCount);
        return (figures, state, pairs);
    }

    /// <summary>Buyers, orders and revenue of a period in one pass over its lines.</summary>
    private sealed class BuyerState
    {
        private readonly int[] _firstCategory;    // category of the customer's first positive line in the period, −1 none
        private readonly bool[] _multi, _buyer, _accepted;
        public readonly List<int> BuyerIds = [];
        /// <summary>Customers (passing the filter) with any line in the period, buyers of other categories included.</summary>
        public readonly List<int> Active = [];
        // Sums in double: the facts are floats, and float→decimal per line was the hot path. Cents survive.
        private double _revenue;
        public decimal Revenue => (decimal)Math.Round(_revenue, 2);
        public int Orders, Lines;

        private BuyerState(int capacity)
        {
            _firstCategory = new int[capacity];
            Array.Fill(_firstCategory, -1);
            (_multi, _buyer, _accepted) = (new bool[capacity], new bool[capacity], new bool[capacity]);
        }

        public static BuyerState For(KpiCube cube, Scope scope, int from, int to)
        {
            var state = new BuyerState(cube.CustomerCapacity);
            var lines = cube.Sales(from, to);
            int order = int.MinValue, orderLines = 0;
            double orderRevenue = 0;
            var orderCounts = false;
            foreach (ref readonly var s in lines)
            {
                if (s.Order != order)
                {
                    state.CloseOrder(orderCounts, orderRevenue, orderLines);
                    (order, orderRevenue, orderLines, orderCounts) = (s.Order, 0, 0, false);
                }
                if (!scope.Customer(s.Customer)) continue;
                if (s.Quantity > 0)
                {
                    ref var first = ref state._firstCategory[s.Customer];
                    if (first == -1)
                    {
                        first = s.Category;
                        state.Active.Add(s.Customer);
                    }
                    else if (first != s.Category) state._multi[s.Customer] = true;
                }
                if (!scope.Line(s)) continue;
                orderCounts = true;
                orderRevenue += s.Revenue;
                orderLines++;
                if (s.Quantity > 0 && !state._buyer[s.Customer])
                {
                    state._buyer[s.Customer] = true;
                    state.BuyerIds.Add(s.Customer);
                }
            }
            state.CloseOrder(orderCounts, orderRevenue, orderLines);
            return state;
        }

        private void CloseOrder(bool counts, double revenue, int lines)
        {
            if (!counts) return;
            _revenue += revenue;
            if (revenue < 0) return; // a return lowers revenue but is no order
            Orders++;
            Lines += lines;
        }

        public void Accepted(int customer)
        {
            if (customer < _accepted.Length) _accepted[customer] = true;
        }

        public bool IsCrossBuyer(int customer) => _multi[customer] || _accepted[customer];

        public int CrossBuyers => BuyerIds.Count(IsCrossBuyer);
    }

    /// <summary>Per curated pair: anchor buyers and attached ones; per complement: its buyers in the period (for the lift).</summary>
    private sealed record PairTally(Dictionary<(int Anchor, int Complement), (int Buyers, int Attached)> ByPair, int AnchorPurchases, int AttachedAnchors,
        Dictionary<int, int> ComplementBuyers, int Buyers);

    /// <summary>
    /// Anchor purchases in the period (a customer's first purchase in it of a product that has curated
    /// complements, within the category filter), and whether one of its complements followed within 30 days
    /// (the same day included). Walks each active customer's own lines, in day order.
    /// </summary>
    private static PairTally PairCounts(KpiCube cube, Scope scope, int from, int to, BuyerState state,
        List<(int Customer, int Anchor, int Complement, bool Attached)>? rows = null)
    {
        var complementsOf = cube.ComplementsOf;
        var index = cube.ByCustomer;
        // Counters by pair index and product id, and "seen for this customer" stamps: no dictionaries on the hot path.
        var pairBuyers = new int[cube.Complements.Count];
        var pairAttached = new int[cube.Complements.Count];
        var complementBuyers = new int[cube.MaxProductId + 1];
        var anchorSeen = new int[cube.MaxProductId + 1];
        var complementSeen = new int[cube.MaxProductId + 1];
        var (anchorPurchases, attachedAnchors) = (0, 0);
        foreach (var customer in state.Active)
        {
            var stamp = customer + 1;
            int begin = index.Start[customer], end = index.Start[customer + 1];
            for (var i = begin; i < end; i++)
            {
                var s = cube.Sale(index.Lines[i]);
                if (s.Day < from || s.Quantity <= 0) continue;
                if (s.Day >= to) break;
                if (s.Product > cube.MaxProductId) continue;
                if (cube.IsComplement(s.Product) && complementSeen[s.Product] != stamp)
                {
                    complementSeen[s.Product] = stamp;
                    complementBuyers[s.Product]++;
                }
                if (!complementsOf.TryGetValue(s.Product, out var complements) || !scope.Line(s) || anchorSeen[s.Product] == stamp) continue;
                anchorSeen[s.Product] = stamp;
                anchorPurchases++;
                var sameDay = i; // the complement may sit before the anchor in the same day's basket
                while (sameDay > begin && cube.Sale(index.Lines[sameDay - 1]).Day == s.Day) sameDay--;
                var any = false;
                foreach (var (complement, pair) in complements)
                {
                    var hit = false;
                    for (var j = sameDay; j < end && !hit; j++)
                    {
                        var later = cube.Sale(index.Lines[j]);
                        if (later.Day > s.Day + AttachWindowDays) break;
                        hit = later.Product == complement && later.Quantity > 0;
                    }
                    pairBuyers[pair]++;
                    if (hit) pairAttached[pair]++;
                    rows?.Add((customer, s.Product, complement, hit));
                    any |= hit;
                }
                if (any) attachedAnchors++;
            }
        }
        var byPair = new Dictionary<(int, int), (int Buyers, int Attached)>();
        for (var p = 0; p < pairBuyers.Length; p++)
            if (pairBuyers[p] > 0) byPair[cube.Complements[p]] = (pairBuyers[p], pairAttached[p]);
        var buyersOf = new Dictionary<int, int>();
        for (var product = 0; product < complementBuyers.Length; product++)
            if (complementBuyers[product] > 0) buyersOf[product] = complementBuyers[product];
        return new PairTally(byPair, anchorPurchases, attachedAnchors, buyersOf, state.Active.Count);
    }

    /// <summary>Revenue and sales per week or month, in one pass over the period's lines (an order counts in the bucket of its day).</summary>
    private static List<TimePoint> Timeline(KpiCube cube, Scope scope, KpiFilter filter, TimeBucket bucket, DateOnly today)
    {
        var starts = new List<DateOnly>();
        for (var start = BucketStart(filter.From, bucket); start < filter.To; start = Next(start, bucket)) starts.Add(start);
        var bucketOfDay = new int[Math.Max(filter.Days, 0)];
        for (int b = 0, d = 0; d < bucketOfDay.Length; d++)
        {
            while (b + 1 < starts.Count && filter.From.AddDays(d) >= starts[b + 1]) b++;
            bucketOfDay[d] = b;
        }
        var revenue = new double[starts.Count];
        var sales = new int[starts.Count];
        int order = int.MinValue, orderDay = 0;
        double orderRevenue = 0;
        var counts = false;
        foreach (ref readonly var s in cube.Sales(filter.From.DayNumber, filter.To.DayNumber))
        {
            if (s.Order != order)
            {
                Close();
                (order, orderRevenue, counts) = (s.Order, 0, false);
            }
            if (!scope.Customer(s.Customer) || !scope.Line(s)) continue;
            (counts, orderDay) = (true, s.Day);
            orderRevenue += s.Revenue;
        }
        Close();
        // A bucket is whole when the period covers all of it and it has ended by the end of today.
        var covered = filter.To.DayNumber < today.DayNumber + 1 ? filter.To : today.AddDays(1);
        return starts.Select((start, b) => new TimePoint(start, (decimal)Math.Round(revenue[b], 2), sales[b],
            Partial: start < filter.From || Next(start, bucket) > covered)).ToList();

        void Close()
        {
            if (!counts) return;
            var b = bucketOfDay[orderDay - filter.From.DayNumber];
            revenue[b] += orderRevenue;
            if (orderRevenue >= 0) sales[b]++;
        }
    }

    public static DateOnly BucketStart(DateOnly day, TimeBucket bucket) =>
        bucket == TimeBucket.Month ? new DateOnly(day.Year, day.Month, 1) : day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static DateOnly Next(DateOnly start, TimeBucket bucket) => bucket == TimeBucket.Month ? start.AddMonths(1) : start.AddDays(7);

    private static List<SegmentRate> BySegment(KpiCube cube, Scope scope, KpiFilter filter, BuyerState state)
    {
        var n = cube.Segments.Count;
        var (buyers, cross, presented, accepted) = (new int[n], new int[n], new int[n], new int[n]);
        var revenue = new double[n];
        // Bit loops written out: these run per line and per offer, where a delegate would allocate.
        foreach (var c in state.BuyerIds)
        {
            var isCross = state.IsCrossBuyer(c);
            for (ulong mask = cube.CustomerOf(c).Segments, bit = 0; mask != 0; mask >>= 1, bit++)
                if ((mask & 1) != 0) { buyers[bit]++; if (isCross) cross[bit]++; }
        }
        foreach (ref readonly var s in cube.Sales(filter.From.DayNumber, filter.To.DayNumber))
        {
            if (!scope.Customer(s.Customer) || !scope.Line(s)) continue;
            var amount = (double)s.Revenue;
            for (ulong mask = cube.CustomerOf(s.Customer).Segments, bit = 0; mask != 0; mask >>= 1, bit++)
                if ((mask & 1) != 0) revenue[bit] += amount;
        }
        foreach (ref readonly var o in cube.Offers(filter.From.DayNumber, filter.To.DayNumber))
        {
            if (!scope.Offer(o)) continue;
            var yes = o.Outcome == OfferOutcome.Accepted;
            for (ulong mask = cube.CustomerOf(o.Customer).Segments, bit = 0; mask != 0; mask >>= 1, bit++)
                if ((mask & 1) != 0) { presented[bit]++; if (yes) accepted[bit]++; }
        }
        var language = Localization.Messages.Language;
        return cube.Segments.Select((s, bit) => new SegmentRate(s.Id, cube.SegmentName(s.Id, language), buyers[bit], cross[bit], (decimal)Math.Round(revenue[bit], 2), presented[bit], accepted[bit]))
            .Where(s => !cube.RemovedSegments.Contains(s.SegmentId) && (!scope.HasSegmentFilter || filter.Segments!.Contains(s.SegmentId))).ToList();
    }

    private static List<RepFunnel> ByRep(KpiCube cube, Scope scope, KpiFilter filter)
    {
        var presented = new int[cube.Reps.Count];
        var accepted = new int[cube.Reps.Count];
        foreach (ref readonly var o in cube.Offers(filter.From.DayNumber, filter.To.DayNumber))
        {
            if (o.Rep < 0 || !scope.Offer(o)) continue;
            presented[o.Rep]++;
            if (o.Outcome == OfferOutcome.Accepted) accepted[o.Rep]++;
        }
        return cube.Reps.Select((r, i) => new RepFunnel(r.Id, r.Name, presented[i], accepted[i])).Where(r => r.Presented > 0)
            .OrderByDescending(r => r.Presented).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    private static List<PairAttach> Pairs(KpiCube cube, PairTally tally, int minBuyers, int take = 10) =>
        tally.ByPair
            .Where(p => p.Value.Buyers >= minBuyers)
            .Select(p =>
            {
                var baseRate = KpiFormulas.Rate(tally.ComplementBuyers.GetValueOrDefault(p.Key.Complement), tally.Buyers);
                var rate = KpiFormulas.Rate(p.Value.Attached, p.Value.Buyers);
                return new PairAttach(p.Key.Anchor, p.Key.Complement, cube.Products.GetValueOrDefault(p.Key.Anchor, $"#{p.Key.Anchor}"),
                    cube.Products.GetValueOrDefault(p.Key.Complement, $"#{p.Key.Complement}"), p.Value.Buyers, p.Value.Attached,
                    rate is { } r && baseRate is > 0 ? r / baseRate.Value : null);
            })
            .OrderByDescending(p => p.Rate).ThenByDescending(p => p.AnchorBuyers).ThenBy(p => p.Anchor).ThenBy(p => p.Complement)
            .Take(take).ToList();

    private static List<SegmentClv> ClvBySegment(KpiCube cube, Scope scope, KpiFilter filter, CustomerTotals totals, BuyerState state)
    {
        var values = cube.Segments.Select(_ => new List<decimal>()).ToList();
        foreach (var c in state.BuyerIds)
        {
            if (totals.Predicted(c) is not { } p) continue;
            var mask = cube.CustomerOf(c).Segments;
            for (var bit = 0; bit < cube.Segments.Count; bit++)
                if ((mask & (1UL << bit)) != 0) values[bit].Add(p);
        }
        return cube.Segments.Select((s, bit) =>
            {
                var v = values[bit];
                v.Sort();
                return new SegmentClv(s.Id, cube.SegmentName(s.Id, Localization.Messages.Language), v.Count, Quantile(v, 0.25), Quantile(v, 0.5), Quantile(v, 0.75));
            })
            .Where(s => s.Customers > 0 && !cube.RemovedSegments.Contains(s.SegmentId) && (!scope.HasSegmentFilter || filter.Segments!.Contains(s.SegmentId))).ToList();
    }

    /// <summary>Linear interpolation between closest ranks (type 7, as R and Excel's PERCENTILE.INC).</summary>
    public static decimal Quantile(IReadOnlyList<decimal> sorted, double q)
    {
        if (sorted.Count == 0) return 0;
        var h = (sorted.Count - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (decimal)(h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static List<ProductConversion> ByProduct(KpiCube cube, Scope scope, KpiFilter filter, int take = 12)
    {
        var counts = new Dictionary<int, (int Presented, int Accepted)>();
        foreach (ref readonly var o in cube.Offers(filter.From.DayNumber, filter.To.DayNumber))
        {
            if (!scope.Offer(o)) continue;
            var c = counts.GetValueOrDefault(o.Product);
            counts[o.Product] = (c.Presented + 1, c.Accepted + (o.Outcome == OfferOutcome.Accepted ? 1 : 0));
        }
        return counts.Select(x => new ProductConversion(x.Key, cube.Products.GetValueOrDefault(x.Key, $"#{x.Key}"), x.Value.Presented, x.Value.Accepted))
            .OrderByDescending(p => p.Presented).ThenBy(p => p.ProductId).Take(take).ToList();
    }

    /// <summary>The shop widget's attach rate in a period (clicks per product shown); only the category filter applies — visitors are mostly anonymous.</summary>
    private static Shop.ShopWidgetStats Widget(KpiCube cube, KpiFilter filter)
    {
        int impressions = 0, clicks = 0;
        int from = filter.From.DayNumber, to = filter.To.DayNumber;
        foreach (var e in cube.ShopWidget)
        {
            if (e.Day < from) continue;
            if (e.Day >= to) break;
            if (filter.Categories is { Count: > 0 } categories && !categories.Contains(e.Category)) continue;
            if (e.Click) clicks++; else impressions++;
        }
        return new Shop.ShopWidgetStats(impressions, clicks);
    }

    private static List<ChannelConversion> ByChannel(KpiCube cube, Scope scope, KpiFilter filter)
    {
        var counts = new Dictionary<Customers.ContactChannel, (int Presented, int Accepted)>();
        foreach (ref readonly var o in cube.Offers(filter.From.DayNumber, filter.To.DayNumber))
        {
            if (!scope.Offer(o)) continue;
            var c = counts.GetValueOrDefault(o.Channel);
            counts[o.Channel] = (c.Presented + 1, c.Accepted + (o.Outcome == OfferOutcome.Accepted ? 1 : 0));
        }
        return [.. counts.Select(x => new ChannelConversion(x.Key, x.Value.Presented, x.Value.Accepted)).OrderByDescending(c => c.Presented).ThenBy(c => c.Channel)];
    }

    /// <summary>The customers behind a number (for the drill-down grid), most revenue first.</summary>
    public static IReadOnlyList<DrillCustomer> CustomersBehind(KpiCube cube, KpiFilter filter, DateOnly today, DrillWidget widget, int key)
    {
        var scope = new Scope(cube, filter);
        int from = filter.From.DayNumber, to = filter.To.DayNumber;
        if (widget == DrillWidget.Timeline)
        {
            var bucket = filter.Days > 92 ? TimeBucket.Month : TimeBucket.Week;
            var start = DateOnly.FromDayNumber(key);
            (from, to) = (Math.Max(from, key), Math.Min(to, Next(start, bucket).DayNumber));
        }
        var state = BuyerState.For(cube, scope, from, to);
        foreach (ref readonly var o in cube.Offers(from, to))
            if (o.Outcome == OfferOutcome.Accepted && scope.Offer(o)) state.Accepted(o.Customer);
        var revenue = new Dictionary<int, (decimal Revenue, HashSet<int> Orders)>();
        foreach (ref readonly var s in cube.Sales(from, to))
        {
            if (!scope.Customer(s.Customer) || !scope.Line(s)) continue;
            if (!revenue.TryGetValue(s.Customer, out var r)) revenue[s.Customer] = r = (0, []);
            r.Orders.Add(s.Order);
            revenue[s.Customer] = (r.Revenue + (decimal)s.Revenue, r.Orders);
        }
        DrillCustomer Row(int c, bool counts, decimal? value = null) =>
            revenue.TryGetValue(c, out var r) ? new DrillCustomer(c, r.Revenue, r.Orders.Count, counts, value) : new DrillCustomer(c, 0, 0, counts, value);

        IEnumerable<DrillCustomer> rows = widget switch
        {
            DrillWidget.Timeline => state.BuyerIds.Select(c => Row(c, state.IsCrossBuyer(c))),
            DrillWidget.Segment or DrillWidget.ClvSegment when cube.SegmentBit(key) is var bit and >= 0 =>
                widget == DrillWidget.Segment
                    ? state.BuyerIds.Where(c => (cube.CustomerOf(c).Segments & (1UL << bit)) != 0).Select(c => Row(c, state.IsCrossBuyer(c)))
                    : state.BuyerIds.Where(c => (cube.CustomerOf(c).Segments & (1UL << bit)) != 0)
                        .Select(c => (c, p: CustomerTotals.Of(cube, today).Predicted(c))).Where(x => x.p is not null).Select(x => Row(x.c, true, x.p)),
            DrillWidget.Pair when key >= 0 && key < cube.Complements.Count => PairRows(cube, scope, from, to, state)
                .Where(r => (r.Anchor, r.Complement) == cube.Complements[key]).Select(r => Row(r.Customer, r.Attached)),
            _ => [],
        };
        return rows.OrderByDescending(r => r.Value ?? r.Revenue).ThenBy(r => r.CustomerId).ToList();
    }

    private static List<(int Customer, int Anchor, int Complement, bool Attached)> PairRows(KpiCube cube, Scope scope, int from, int to, BuyerState state)
    {
        var rows = new List<(int, int, int, bool)>();
        PairCounts(cube, scope, from, to, state, rows);
        return rows;
    }

    /// <summary>The answered offers behind a number: by rep (key = rep index) or by product (key = product id).</summary>
    public static IReadOnlyList<long> OffersBehind(KpiCube cube, KpiFilter filter, DrillWidget widget, int key)
    {
        var scope = new Scope(cube, filter);
        var ids = new List<long>();
        foreach (ref readonly var o in cube.Offers(filter.From.DayNumber, filter.To.DayNumber))
            if (scope.Offer(o) && (widget == DrillWidget.Rep ? o.Rep == key : widget == DrillWidget.Product && o.Product == key)) ids.Add(o.Id);
        return ids;
    }
}

/// <summary>
/// Every customer's all-time totals up to a day, for CLV: margin (historical CLV) and the inputs of the
/// predicted CLV, whose expected lifetime comes from the yearly churn of the customer's segments.
/// </summary>
internal sealed class CustomerTotals
{
    public decimal[] Margin { get; }
    private readonly decimal[] _revenue;
    private readonly int[] _sales, _firstDay;
    private readonly KpiCube _cube;
    private readonly DateOnly _today;
    private readonly bool[] _activeYearBefore, _activeLastYear;

    /// <summary>The same sums as <paramref name="parent"/> (no sale before today changed); predicted CLV again when the segments changed.</summary>
    private CustomerTotals(CustomerTotals parent, KpiCube cube, bool masksChanged)
    {
        (_cube, _today) = (cube, parent._today);
        (Margin, _revenue, _sales, _firstDay, _activeYearBefore, _activeLastYear) =
            (parent.Margin, parent._revenue, parent._sales, parent._firstDay, parent._activeYearBefore, parent._activeLastYear);
        _predicted = masksChanged ? PredictAll() : parent._predicted;
    }

    private CustomerTotals(KpiCube cube, DateOnly today)
    {
        (_cube, _today) = (cube, today);
        var n = cube.CustomerCapacity;
        (Margin, _revenue, _sales, _firstDay) = (new decimal[n], new decimal[n], new int[n], new int[n]);
        (_activeYearBefore, _activeLastYear) = (new bool[n], new bool[n]);
        int yearAgo = today.AddYears(-1).DayNumber, twoYearsAgo = today.AddYears(-2).DayNumber;
        Array.Fill(_firstDay, int.MaxValue);
        int order = int.MinValue, customer = 0;
        decimal orderRevenue = 0;
        foreach (ref readonly var s in cube.AllSales)
        {
            if (s.Day >= today.DayNumber) break;
            if (s.Order != order)
            {
                if (order != int.MinValue && orderRevenue >= 0) _sales[customer]++;
                (order, customer, orderRevenue) = (s.Order, s.Customer, 0);
            }
            orderRevenue += (decimal)s.Revenue;
            Margin[s.Customer] += (decimal)s.Margin;
            _revenue[s.Customer] += (decimal)s.Revenue;
            if (s.Day < _firstDay[s.Customer]) _firstDay[s.Customer] = s.Day;
            if (s.Day >= yearAgo) _activeLastYear[s.Customer] = true;
            else if (s.Day >= twoYearsAgo) _activeYearBefore[s.Customer] = true;
        }
        if (order != int.MinValue && orderRevenue >= 0) _sales[customer]++;
        _predicted = PredictAll();
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<KpiCube, Dictionary<int, CustomerTotals>> Cache = new();

    /// <summary>
    /// Computed once per cube and day. A cube derived from another (today's outcomes appended, a segment saved)
    /// reuses its parent's sums: those count sales before today only, so today's appends leave them as they are.
    /// </summary>
    public static CustomerTotals Of(KpiCube cube, DateOnly today)
    {
        var byDay = Cache.GetOrCreateValue(cube);
        lock (byDay)
        {
            if (byDay.TryGetValue(today.DayNumber, out var totals)) return totals;
            totals = cube.Parent is { } parent && cube.CustomerCapacity <= parent.CustomerCapacity && cube.AddedSales.All(s => s.Day >= today.DayNumber)
                ? new CustomerTotals(Of(parent, today), cube, cube.MasksChanged)
                : new CustomerTotals(cube, today);
            byDay[today.DayNumber] = totals;
            return totals;
        }
    }

    /// <summary>Predicted CLV per customer (null without a sale), computed for everyone on first use.</summary>
    public decimal? Predicted(int customer) => customer < _predicted.Length ? _predicted[customer] : null;
    private readonly decimal?[] _predicted;

    private decimal?[] PredictAll()
    {
        var now = _today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var churnByMask = new Dictionary<ulong, double?>();
        var predicted = new decimal?[_firstDay.Length];
        for (var c = 0; c < predicted.Length; c++)
        {
            if (_firstDay[c] == int.MaxValue) continue;
            var mask = _cube.CustomerOf(c).Segments;
            if (!churnByMask.TryGetValue(mask, out var churn)) churnByMask[mask] = churn = Churn(mask);
            var first = DateOnly.FromDayNumber(_firstDay[c]).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            predicted[c] = KpiFormulas.PredictedClv(_revenue[c], _sales[c], Margin[c], first, now, churn, "").Value;
        }
        return predicted;
    }

    /// <summary>Of the customers (in any of the mask's segments; all when none) who ordered in the year before last, the share who did not order in the last year.</summary>
    private double? Churn(ulong mask)
    {
        var (before, lost) = (0, 0);
        for (var c = 0; c < _activeYearBefore.Length; c++)
        {
            if (!_activeYearBefore[c] || (mask != 0 && (_cube.CustomerOf(c).Segments & mask) == 0)) continue;
            before++;
            if (!_activeLastYear[c]) lost++;
        }
        return KpiFormulas.Rate(lost, before);
    }
}
