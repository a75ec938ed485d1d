using CrossSellCrm.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Kpis;

/// <summary>Loads the <see cref="KpiCube"/> from the database: every order line, answered offer, customer and name it needs.</summary>
public sealed class KpiCubeLoader(IDbContextFactory<CrmDbContext> factory)
{
    public async Task<KpiCube> LoadAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        // Reps: whoever looks after customers or has made offers.
        var reps = await db.Users.Where(u => db.Customers.Any(c => c.AssignedRepId == u.Id) || db.OfferPresentations.Any(o => o.RepId == u.Id))
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        var repIndex = reps.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => (short)x.i);
        var segments = await db.Segments.OrderBy(s => s.Name).Select(s => new { s.Id, s.Name, s.NameDe }).Take(64).ToListAsync(ct);
        var segmentBit = segments.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i);

        var maxCustomer = await db.Customers.MaxAsync(c => (int?)c.Id, ct) ?? 0;
        var customers = new CustomerFact[maxCustomer + 1];
        Array.Fill(customers, new CustomerFact(-1, 0));
        await foreach (var c in db.Customers.Select(c => new { c.Id, c.AssignedRepId }).AsAsyncEnumerable().WithCancellation(ct))
            customers[c.Id] = new CustomerFact(c.AssignedRepId is { } r && repIndex.TryGetValue(r, out var i) ? i : (short)-1, 0);
        await foreach (var m in db.SegmentMemberships.Select(m => new { m.CustomerId, m.SegmentId }).AsAsyncEnumerable().WithCancellation(ct))
            if (segmentBit.TryGetValue(m.SegmentId, out var bit) && m.CustomerId <= maxCustomer)
                customers[m.CustomerId] = customers[m.CustomerId] with { Segments = customers[m.CustomerId].Segments | (1UL << bit) };

        var categoryOf = await db.Products.ToDictionaryAsync(p => p.Id, p => p.CategoryId, ct);
        var sales = new List<SaleFact>();
        await foreach (var l in db.OrderLines
                           .Select(l => new { l.OrderId, l.Order!.CustomerId, l.Order.OrderedAt, l.ProductId, l.Quantity, l.UnitPrice, l.UnitCost, l.Discount })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            var revenue = l.Quantity * l.UnitPrice - l.Discount;
            sales.Add(new SaleFact(l.OrderId, l.CustomerId, DateOnly.FromDateTime(l.OrderedAt).DayNumber, l.ProductId, categoryOf.GetValueOrDefault(l.ProductId),
                (float)revenue, (float)(revenue - l.Quantity * l.UnitCost), (short)Math.Clamp(l.Quantity, short.MinValue, short.MaxValue)));
        }
        var offers = await db.OfferPresentations.Select(o => new { o.Id, o.CustomerId, o.PresentedAt, o.ProductId, o.RepId, o.Outcome, o.Channel }).ToListAsync(ct);
        return new KpiCube(sales,
            offers.Select(o => new OfferFact(o.Id, o.CustomerId, DateOnly.FromDateTime(o.PresentedAt).DayNumber, o.ProductId, categoryOf.GetValueOrDefault(o.ProductId),
                o.RepId is { } r && repIndex.TryGetValue(r, out var i) ? i : (short)-1, o.Outcome, o.Channel)),
            customers,
            segments.Select(s => (s.Id, s.Name)).ToList(),
            reps.Select(r => (r.Id, r.DisplayName)).ToList(),
            await db.Categories.ToDictionaryAsync(c => c.Id, c => c.NameEn, ct),
            await db.Products.ToDictionaryAsync(p => p.Id, p => p.Name, ct),
            (await db.ProductRelations.Select(r => new { r.FromProductId, r.ToProductId }).ToListAsync(ct)).Select(r => (r.FromProductId, r.ToProductId)).Distinct().ToList())
        {
            SegmentNamesDe = segments.Where(s => s.NameDe != null).ToDictionary(s => s.Id, s => s.NameDe!),
            ShopWidget = [.. (await db.ShopWidgetEvents.Select(e => new { e.At, e.ProductId, e.Kind }).ToListAsync(ct))
                .Select(e => new WidgetFact(DateOnly.FromDateTime(e.At).DayNumber, e.ProductId, categoryOf.GetValueOrDefault(e.ProductId), e.Kind == Shop.ShopWidgetEventKind.Click))
                .OrderBy(e => e.Day)],
        };
    }
}

/// <summary>
/// The cube the dashboards read. Built in the background after start and rebuilt on a schedule; new
/// answers and orders from the call cockpit are appended at once, and <see cref="Changed"/> tells open
/// dashboards to recompute.
/// </summary>
public sealed class KpiCubeStore
{
    private readonly Lock _gate = new();
    private KpiCube? _current;

    /// <summary>Null until the first build after start.</summary>
    public KpiCube? Current => Volatile.Read(ref _current);

    public event Action? Changed;

    public void Swap(KpiCube cube)
    {
        lock (_gate) _current = cube;
        Changed?.Invoke();
    }

    /// <summary>Adds facts written since the build (a no-op before it: the build will read them).</summary>
    public void Append(IReadOnlyList<SaleFact> sales, IReadOnlyList<OfferFact> offers)
    {
        lock (_gate)
        {
            if (_current is null) return;
            _current = _current.With(sales, offers);
        }
        Changed?.Invoke();
    }

    /// <summary>An answer taken back: its offer and the order it wrote leave the dashboards at once.</summary>
    public void Remove(int? order, long offer)
    {
        lock (_gate)
        {
            if (_current is null) return;
            _current = _current.Without(order, offer);
        }
        Changed?.Invoke();
    }

    /// <summary>A segment was saved or recomputed (members) or deleted (null): the dashboards see it at once.</summary>
    public void SegmentChanged(int segmentId, string name, IReadOnlyCollection<int>? members, string? nameDe = null)
    {
        lock (_gate)
        {
            if (_current is null) return;
            _current = _current.WithSegment(segmentId, name, members, nameDe);
        }
        Changed?.Invoke();
    }

    /// <summary>The rep's index in the current cube, or −1.</summary>
    public short RepIndex(string? repId)
    {
        if (repId is null || Current is not { } cube) return -1;
        for (var i = 0; i < cube.Reps.Count; i++)
            if (cube.Reps[i].Id == repId) return (short)i;
        return -1;
    }
}
