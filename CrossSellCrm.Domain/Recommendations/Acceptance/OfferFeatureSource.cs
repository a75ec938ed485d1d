using CrossSellCrm.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>Decided offers in time order with what their features are computed from: the customers, the catalogue and the order history.</summary>
public sealed record OfferFeatureData(IReadOnlyList<DecidedOffer> Offers, IReadOnlyDictionary<int, OfferCustomer> Customers,
    IReadOnlyDictionary<int, OfferProduct> Products, IReadOnlyList<HistoryLine> History);

/// <summary>
/// Reads every decided offer (accepted or declined; erased customers left out) and what its point-in-time features need. Returns are
/// left out of the history, as the engine's view of a customer leaves them out: the model is scored on what it learnt from.
/// </summary>
public static class OfferFeatureSource
{
    /// <param name="before">Only offers presented before this moment (an offline evaluation must not learn from the future).</param>
    public static async Task<OfferFeatureData> LoadAsync(CrmDbContext db, DateTime? before, CancellationToken ct)
    {
        var until = before ?? DateTime.MaxValue;
        var offers = await db.OfferPresentations.AsNoTracking()
            .Where(o => (o.Outcome == OfferOutcome.Accepted || o.Outcome == OfferOutcome.Declined) && !o.Customer!.IsErased && o.PresentedAt < until)
            .OrderBy(o => o.PresentedAt).ThenBy(o => o.Id)
            .Select(o => new DecidedOffer(o.Id, o.CustomerId, o.ProductId, o.AnchorProductId, o.PresentedAt, o.Channel, o.Rank, o.RepId,
                o.Outcome == OfferOutcome.Accepted, o.ShownProbability))
            .ToListAsync(ct);
        var ids = offers.Select(o => o.CustomerId).ToHashSet();
        var customers = (await db.Customers.AsNoTracking().Where(c => !c.IsErased)
                .Select(c => new
                {
                    c.Id, c.BirthDate, c.Gender, c.IncomeBand, c.Education, c.Country, c.Region, Lifestyle = c.Lifestyle != null ? c.Lifestyle.Code : null,
                    Interests = c.Tags.Where(t => t.Kind == Customers.TagKind.Interest).Select(t => t.Code).ToList(),
                }).ToListAsync(ct))
            .Where(c => ids.Contains(c.Id))
            .ToDictionary(c => c.Id, c => new OfferCustomer(c.Id, c.BirthDate, c.Gender, c.IncomeBand, c.Education, c.Country, c.Region, c.Lifestyle, c.Interests));
        var products = await db.Products.AsNoTracking()
            .Select(p => new OfferProduct(p.Id, p.Sku, p.CategoryId, p.Category!.NameEn, (double)p.Price, (double)(p.Price - p.UnitCost)))
            .ToDictionaryAsync(p => p.Id, ct);
        var history = (await db.OrderLines.AsNoTracking().Where(l => l.Quantity > 0 && l.Order!.OrderedAt < until)
                .Select(l => new HistoryLine(l.Order!.CustomerId, l.OrderId, l.ProductId, l.Product!.CategoryId, l.Order.OrderedAt, (double)(l.Quantity * l.UnitPrice - l.Discount)))
                .ToListAsync(ct))
            .Where(l => ids.Contains(l.CustomerId)).ToList();
        return new OfferFeatureData(offers, customers, products, history);
    }
}
