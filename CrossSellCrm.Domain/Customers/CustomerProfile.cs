using CrossSellCrm.Domain.Kpis;
using CrossSellCrm.Domain.Orders;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Customers;

public sealed record TagName(TagKind Kind, string Code, string NameEn, string NameDe)
{
    public string NameFor(string language) => language == "de" ? NameDe : NameEn;
}

public sealed record ConsentState(ContactChannel Channel, bool Granted, DateTime ChangedAt);

public sealed record OrderLineView(int ProductId, string Product, int Quantity, decimal Revenue);

public sealed record OrderView(int Id, string OrderNumber, DateTime OrderedAt, SalesChannel Channel, decimal NetRevenue, IReadOnlyList<OrderLineView> Lines);

public sealed record SubscriptionView(string Plan, DateOnly StartedOn, DateOnly? EndedOn, SubscriptionStatus Status, decimal MonthlyPrice);

public sealed record PastOfferView(long Id, DateTime PresentedAt, string Product, OfferOutcome Outcome, DeclineReason? DeclineReason,
    DateOnly? FollowUpOn, string? Rep, string? ReasonsShown);

public sealed record CallNoteView(long Id, DateTime UpdatedAt, string? Rep, string Text);

/// <summary>The customer 360 a rep sees on a call: the four dimensions, value, consent and history.</summary>
public sealed record CustomerProfile(
    int Id, string CustomerNumber, string Name, string? Email, string? Phone,
    int? Age, Gender Gender, IncomeBand Income, EducationLevel Education,
    string Country, string? Region, string? City, string? PostalCode,
    TagName? Lifestyle, IReadOnlyList<TagName> Interests, IReadOnlyList<TagName> Values,
    BehaviourProfile Behaviour, IReadOnlyList<(int Id, string Name)> Segments,
    decimal HistoricalClv, ClvPrediction PredictedClv,
    IReadOnlyList<ConsentState> Consents, string? AssignedRep,
    IReadOnlyList<OrderView> Orders, int OrderCount, IReadOnlyList<SubscriptionView> Subscriptions,
    IReadOnlyList<PastOfferView> Offers, IReadOnlyList<CallNoteView> Notes);

/// <summary>Loads the customer 360. Long histories are cut to the newest entries (the counts stay whole).</summary>
public sealed class CustomerProfileService(IDbContextFactory<CrmDbContext> factory, TimeProvider clock, SegmentChurnCache? churnCache = null)
{
    private readonly SegmentChurnCache _churn = churnCache ?? new SegmentChurnCache();

    public const int OrdersShown = 50;

    /// <param name="predictClv">False skips the predicted CLV (its churn rate reads the segments' two years of orders) for callers that do not show it.</param>
    /// <returns>Null when there is no such customer.</returns>
    public async Task<CustomerProfile?> LoadAsync(int customerId, CancellationToken ct = default, bool predictClv = true)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var c = await db.Customers.AsNoTracking().Include(x => x.Lifestyle).Include(x => x.Tags).Include(x => x.Consents).Include(x => x.AssignedRep)
            .AsSplitQuery().FirstOrDefaultAsync(x => x.Id == customerId, ct);
        if (c is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;

        // Orders, then their lines by id: one query with the lines nested makes SQLite join all order lines
        // with the products before it filters (4 s at a million lines instead of milliseconds).
        var newest = await db.Orders.AsNoTracking().Where(o => o.CustomerId == customerId).OrderByDescending(o => o.OrderedAt).Take(OrdersShown)
            .Select(o => new { o.Id, o.OrderNumber, o.OrderedAt, o.Channel, o.NetRevenue }).ToListAsync(ct);
        var orderIds = newest.Select(o => o.Id).ToList();
        var lines = (await db.OrderLines.AsNoTracking().Where(l => orderIds.Contains(l.OrderId)).OrderBy(l => l.Id)
                .Select(l => new { l.OrderId, Line = new OrderLineView(l.ProductId, l.Product!.Name, l.Quantity, l.Quantity * l.UnitPrice - l.Discount) })
                .ToListAsync(ct))
            .ToLookup(l => l.OrderId, l => l.Line);
        var orders = newest.Select(o => new OrderView(o.Id, o.OrderNumber, o.OrderedAt, o.Channel, o.NetRevenue, lines[o.Id].ToList())).ToList();
        var totals = await db.Orders.Where(o => o.CustomerId == customerId)
            .GroupBy(o => 1).Select(g => new
            {
                Count = g.Count(), Sales = g.Count(o => o.NetRevenue >= 0),
                Revenue = g.Sum(o => (double)o.NetRevenue), Margin = g.Sum(o => (double)o.Margin),
                First = g.Min(o => o.OrderedAt),
            }).FirstOrDefaultAsync(ct);
        var subscriptions = await db.Subscriptions.Where(s => s.CustomerId == customerId).OrderByDescending(s => s.StartedOn)
            .Select(s => new SubscriptionView(s.Plan!.Name, s.StartedOn, s.EndedOn, s.Status, s.MonthlyPrice)).ToListAsync(ct);
        var language = Localization.Messages.Language;
        var segments = (await db.SegmentMemberships.Where(m => m.CustomerId == customerId)
                .Select(m => new { m.SegmentId, m.Segment!.Name, m.Segment.NameDe }).ToListAsync(ct))
            .Select(m => new { m.SegmentId, Name = Localization.Messages.Pick(language, m.Name, m.NameDe) }).OrderBy(m => m.Name, StringComparer.CurrentCulture).ToList();
        var offers = await db.OfferPresentations.Where(o => o.CustomerId == customerId).OrderByDescending(o => o.PresentedAt).ThenByDescending(o => o.Id).Take(100)
            .Select(o => new PastOfferView(o.Id, o.PresentedAt, o.Product!.Name, o.Outcome, o.DeclineReason, o.FollowUpOn, o.Rep!.DisplayName, o.ReasonsShown))
            .ToListAsync(ct);
        var notes = await db.CallNotes.Where(n => n.CustomerId == customerId).OrderByDescending(n => n.UpdatedAt).Take(50)
            .Select(n => new CallNoteView(n.Id, n.UpdatedAt, n.Rep!.DisplayName, n.Text)).ToListAsync(ct);
        var segmentIds = segments.Select(s => s.SegmentId).ToList();
        var churn = predictClv ? await _churn.GetAsync(segmentIds, now, () => YearlyChurnAsync(segmentIds, now)) : (null, "");

        var prediction = totals is null || !predictClv
            ? ClvPrediction.None
            : KpiFormulas.PredictedClv((decimal)totals.Revenue, totals.Sales, (decimal)totals.Margin, totals.First, now, churn.Rate, churn.Basis);
        return new CustomerProfile(c.Id, c.CustomerNumber, c.FullName, c.Email, c.Phone,
            c.AgeOn(DateOnly.FromDateTime(now)), c.Gender, c.IncomeBand, c.Education,
            c.Country, c.Region, c.City, c.PostalCode,
            c.Lifestyle is { } l ? new TagName(l.Kind, l.Code, l.NameEn, l.NameDe) : null,
            c.Tags.Where(t => t.Kind == TagKind.Interest).OrderBy(t => t.Code).Select(t => new TagName(t.Kind, t.Code, t.NameEn, t.NameDe)).ToList(),
            c.Tags.Where(t => t.Kind == TagKind.Value).OrderBy(t => t.Code).Select(t => new TagName(t.Kind, t.Code, t.NameEn, t.NameDe)).ToList(),
            c.Behaviour, segments.Select(s => (s.SegmentId, s.Name)).ToList(),
            (decimal)(totals?.Margin ?? 0), prediction,
            c.Consents.OrderBy(x => x.Channel).Select(x => new ConsentState(x.Channel, x.Granted, x.ChangedAt)).ToList(), c.AssignedRep?.DisplayName,
            orders, totals?.Count ?? 0, subscriptions, offers, notes);
    }

    /// <summary>
    /// Reads what the predicted CLV's churn is counted from — the day's activity and the segments' members
    /// (<see cref="SegmentChurnCache"/>) — if it is not read yet: the background workers call this after start, after the
    /// segments were recomputed and every hour, so that no rep's call waits for two years of orders or for the memberships,
    /// and twenty reps calling at once do not all wait for them on a busy machine.
    /// </summary>
    public async Task PrepareDayAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await _churn.ActivityAsync(now, () => YearActivity.LoadAsync(factory, now));
        await _churn.MembersAsync(() => SegmentMembers.LoadAsync(factory));
    }

    /// <summary>
    /// Yearly churn of the customer's segments (or of all customers without one): of the customers who
    /// ordered in the year before last, the share who did not order in the last year. Who ordered when is read once a
    /// day for everyone (<see cref="SegmentChurnCache.ActivityAsync"/>), the segments' members once after they changed
    /// (<see cref="SegmentChurnCache.MembersAsync"/>); a segment set's members are their union, in memory.
    /// </summary>
    private async Task<(double? Rate, string Basis)> YearlyChurnAsync(List<int> segments, DateTime now)
    {
        var activity = await _churn.ActivityAsync(now, () => YearActivity.LoadAsync(factory, now));
        if (segments.Count == 0) return (activity.Churn(), "all customers");
        var members = await _churn.MembersAsync(() => SegmentMembers.LoadAsync(factory));
        return (activity.Churn(members.Union(segments)), "segments");
    }
}
