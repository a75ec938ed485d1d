using System.Globalization;
using CrossSellCrm.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>
/// Every decided offer (accepted or declined) with its point-in-time features (<see cref="OfferFeatures"/>), as a CSV for
/// machines (comma, invariant numbers): what the acceptance model learns from, and what `propensity --offer-log` reads.
/// Erased customers' offers are left out.
/// </summary>
public sealed class OfferFeatureExport(IDbContextFactory<CrmDbContext> factory)
{
    public async Task<int> WriteAsync(TextWriter output, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var offers = await db.OfferPresentations.AsNoTracking()
            .Where(o => (o.Outcome == OfferOutcome.Accepted || o.Outcome == OfferOutcome.Declined) && !o.Customer!.IsErased)
            .OrderBy(o => o.PresentedAt).ThenBy(o => o.Id)
            .Select(o => new DecidedOffer(o.Id, o.CustomerId, o.ProductId, o.AnchorProductId, o.PresentedAt, o.Channel, o.Rank, o.RepId, o.Outcome == OfferOutcome.Accepted))
            .ToListAsync(ct);
        var ids = offers.Select(o => o.CustomerId).Distinct().ToHashSet();
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
        var history = (await db.OrderLines.AsNoTracking()
                .Select(l => new HistoryLine(l.Order!.CustomerId, l.OrderId, l.ProductId, l.Product!.CategoryId, l.Order.OrderedAt, (double)(l.Quantity * l.UnitPrice - l.Discount)))
                .ToListAsync(ct))
            .Where(l => ids.Contains(l.CustomerId));
        await output.WriteLineAsync(string.Join(",", OfferFeatures.Columns));
        var count = 0;
        foreach (var row in OfferFeatures.Rows(offers, customers, products, history))
        {
            await output.WriteLineAsync(string.Join(",", row.Select(Quote)));
            count++;
        }
        return count;
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
