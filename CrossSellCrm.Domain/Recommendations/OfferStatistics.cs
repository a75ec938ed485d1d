using CrossSellCrm.Domain.Kpis;
using CrossSellCrm.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Recommendations;

public sealed record RepAcceptance(string RepId, string RepName, int Presented, int Accepted)
{
    public double? Rate => KpiFormulas.Rate(Accepted, Presented);
}

public sealed record WeeklyOffers(DateOnly WeekStart, int Presented, int Accepted);

public sealed record DueFollowUp(long OfferId, int CustomerId, string CustomerName, string ProductName, DateOnly Due);

/// <summary>What happened to presented offers: per rep, why they were declined, what is due again.</summary>
public sealed class OfferStatistics(IDbContextFactory<CrmDbContext> factory)
{
    public async Task<IReadOnlyList<RepAcceptance>> AcceptanceByRepAsync(Period period, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.OfferPresentations
            .Where(o => o.PresentedAt >= period.From && o.PresentedAt < period.To && o.RepId != null)
            .GroupBy(o => o.RepId!)
            .Select(g => new { RepId = g.Key, Presented = g.Count(), Accepted = g.Count(o => o.Outcome == OfferOutcome.Accepted) })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.RepId).ToList();
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return rows.Select(r => new RepAcceptance(r.RepId, names.GetValueOrDefault(r.RepId) ?? r.RepId, r.Presented, r.Accepted))
            .OrderByDescending(r => r.Rate ?? -1).ThenBy(r => r.RepName, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyDictionary<DeclineReason, int>> DeclineReasonsAsync(Period period, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.OfferPresentations
            .Where(o => o.PresentedAt >= period.From && o.PresentedAt < period.To && o.Outcome == OfferOutcome.Declined && o.DeclineReason != null)
            .GroupBy(o => o.DeclineReason!.Value)
            .ToDictionaryAsync(g => g.Key, g => g.Count(), ct);
    }

    /// <summary>
    /// "Later" answers of one rep whose follow-up date is within <paramref name="days"/> days, or overdue by at
    /// most 30 days (older ones are stale, not a call to make today); most overdue first.
    /// </summary>
    public async Task<IReadOnlyList<DueFollowUp>> FollowUpsDueAsync(string repId, DateOnly today, int days, int take, CancellationToken ct = default)
    {
        var until = today.AddDays(days);
        var stale = today.AddDays(-30);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.OfferPresentations
            .Where(o => o.RepId == repId && o.Outcome == OfferOutcome.Later && o.FollowUpOn != null && o.FollowUpOn <= until && o.FollowUpOn >= stale)
            .OrderBy(o => o.FollowUpOn)
            .Take(take)
            .Select(o => new DueFollowUp(o.Id, o.CustomerId, o.Customer!.FirstName + " " + o.Customer.LastName, o.Product!.Name, o.FollowUpOn!.Value))
            .ToListAsync(ct);
    }

    /// <summary>One rep's offers per week (weeks start on Monday), oldest first; empty weeks included.</summary>
    public async Task<IReadOnlyList<WeeklyOffers>> WeeklyForRepAsync(string repId, int weeks, DateTime now, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(now);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var first = monday.AddDays(-7 * (weeks - 1));
        var from = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        await using var db = await factory.CreateDbContextAsync(ct);
        var offers = await db.OfferPresentations.Where(o => o.RepId == repId && o.PresentedAt >= from)
            .Select(o => new { o.PresentedAt, o.Outcome }).ToListAsync(ct);
        return Enumerable.Range(0, weeks).Select(i =>
        {
            var start = first.AddDays(7 * i);
            var inWeek = offers.Where(o => DateOnly.FromDateTime(o.PresentedAt) >= start && DateOnly.FromDateTime(o.PresentedAt) < start.AddDays(7)).ToList();
            return new WeeklyOffers(start, inWeek.Count, inWeek.Count(o => o.Outcome == OfferOutcome.Accepted));
        }).ToList();
    }
}
