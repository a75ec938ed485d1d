using CrossSellCrm.Domain.Kpis;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations.Engine;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Recommendations;

/// <summary>
/// One offer in one segment (0 = all customers): how often it was presented and accepted, and what the
/// engine now believes its acceptance chance is. <see cref="Decided"/> (accepted or declined) is the
/// evidence the engine learns from; "later" and no answer are presented but not evidence.
/// </summary>
/// <param name="Model">The acceptance model's evidence of the offer and how it did on the offer's held-out recent answers (all-customer rows only).</param>
/// <param name="ModelServes">Whether the cards' chance for this offer is the model's (else the Beta estimate).</param>
public sealed record OfferLearningRow(int ProductId, string Product, string Category, int SegmentId, string? Segment,
    int Presented, int Accepted, int Decided, PropensityEstimate? Estimate, Acceptance.OfferAcceptanceStats? Model = null, bool ModelServes = false,
    Acceptance.AcceptanceFact? StrongestFact = null)
{
    public double? Rate => KpiFormulas.Rate(Accepted, Presented);
}

/// <summary>The learning page: the acceptance model's report (null until one is trained) and the rows per offer and segment.</summary>
/// <param name="LastAttempt">When the last training finished; with no model, it found too few decided offers.</param>
/// <param name="Categories">The model knows a category by its English name (its feature value): each one's name in the reader's language.</param>
public sealed record OfferLearningView(Acceptance.AcceptanceReport? Model, DateTime? LastAttempt, IReadOnlyList<OfferLearningRow> Rows,
    IReadOnlyDictionary<string, string> Categories);

/// <summary>The manager's view of what the engine has learned, per offer and segment.</summary>
public sealed class OfferLearning(IDbContextFactory<CrmDbContext> factory, OfferEngineStore engines, Acceptance.OfferAcceptanceStore acceptances)
{
    public async Task<OfferLearningView> ViewAsync(int? segmentId = null, CancellationToken ct = default)
    {
        var rows = await RowsAsync(segmentId, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var language = Localization.Messages.Language;
        var categories = (await db.Categories.AsNoTracking().Select(c => new { c.NameEn, c.NameDe }).ToListAsync(ct))
            .DistinctBy(c => c.NameEn).ToDictionary(c => c.NameEn, c => Localization.Messages.Pick(language, c.NameEn, c.NameDe));
        return new OfferLearningView(acceptances.Current?.Report, acceptances.LastAttempt, rows, categories);
    }

    /// <param name="segmentId">Null: every segment and the all-customer rows; 0: all customers only.</param>
    public async Task<IReadOnlyList<OfferLearningRow>> RowsAsync(int? segmentId = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var counts = new List<(int Product, int Segment, int Presented, int Accepted, int Decided)>();
        if (segmentId is null or 0)
            counts.AddRange((await db.OfferPresentations.GroupBy(o => o.ProductId)
                    .Select(g => new { g.Key, Presented = g.Count(), Accepted = g.Count(o => o.Outcome == OfferOutcome.Accepted),
                        Decided = g.Count(o => o.Outcome == OfferOutcome.Accepted || o.Outcome == OfferOutcome.Declined) })
                    .ToListAsync(ct))
                .Select(x => (x.Key, 0, x.Presented, x.Accepted, x.Decided)));
        if (segmentId is not 0)
        {
            var bySegment = from o in db.OfferPresentations
                            join m in db.SegmentMemberships on o.CustomerId equals m.CustomerId
                            where segmentId == null || m.SegmentId == segmentId
                            group o by new { o.ProductId, m.SegmentId } into g
                            select new { g.Key.ProductId, g.Key.SegmentId, Presented = g.Count(), Accepted = g.Count(o => o.Outcome == OfferOutcome.Accepted),
                                Decided = g.Count(o => o.Outcome == OfferOutcome.Accepted || o.Outcome == OfferOutcome.Declined) };
            counts.AddRange((await bySegment.ToListAsync(ct)).Select(x => (x.ProductId, x.SegmentId, x.Presented, x.Accepted, x.Decided)));
        }
        var language = Localization.Messages.Language;
        var products = (await db.Products.Select(p => new { p.Id, p.Name, p.Category!.NameEn, p.Category.NameDe }).ToListAsync(ct))
            .ToDictionary(p => p.Id, p => new { p.Name, Category = Localization.Messages.Pick(language, p.NameEn, p.NameDe) });
        var segments = (await db.Segments.ToListAsync(ct)).ToDictionary(s => s.Id, s => s.NameFor(language));
        var engine = engines.Current;
        var acceptance = acceptances.Current;
        return counts
            .Select(c => new OfferLearningRow(c.Product, products[c.Product].Name, products[c.Product].Category, c.Segment,
                c.Segment == 0 ? null : segments.GetValueOrDefault(c.Segment), c.Presented, c.Accepted, c.Decided, engine?.Estimate(c.Product, c.Segment),
                c.Segment == 0 ? acceptance?.Offers.GetValueOrDefault(c.Product) : null, c.Segment == 0 && acceptance?.Knows(c.Product) == true,
                c.Segment == 0 ? acceptance?.Facts.Strongest(c.Product) : null))
            .OrderBy(r => r.SegmentId == 0 ? 0 : 1).ThenBy(r => r.Segment, StringComparer.Ordinal).ThenByDescending(r => r.Presented).ThenBy(r => r.ProductId)
            .ToList();
    }
}
