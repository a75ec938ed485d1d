using CrossSellCrm.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Shop;

/// <summary>The widget's impressions and clicks of one product, with the attach rate they give (clicks per impression).</summary>
public sealed record ShopWidgetStats(int Impressions, int Clicks)
{
    public static readonly ShopWidgetStats None = new(0, 0);
    public double? ClickRate => Impressions == 0 ? null : (double)Clicks / Impressions;
}

/// <summary>Records what the shop's widget showed and what was clicked (the product page reads it back, ProductCatalog).</summary>
public sealed class ShopWidgetLog(IDbContextFactory<CrmDbContext> factory, TimeProvider clock)
{
    /// <summary>One row per known SKU in <paramref name="skus"/>; unknown SKUs and customer numbers are left out (the shop may know more than the CRM).</summary>
    /// <returns>How many rows were written.</returns>
    public async Task<int> RecordAsync(ShopWidgetEventKind kind, IReadOnlyCollection<string> skus, string? pageSku, string? customerNumber, int? keyId,
        CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var wanted = skus.Append(pageSku ?? "").Where(s => s.Length > 0).Distinct().ToList();
        var ids = await db.Products.AsNoTracking().Where(p => wanted.Contains(p.Sku)).ToDictionaryAsync(p => p.Sku, p => p.Id, ct);
        int? customerId = customerNumber is { Length: > 0 }
            ? await db.Customers.AsNoTracking().Where(c => c.CustomerNumber == customerNumber).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct)
            : null;
        var now = clock.GetUtcNow().UtcDateTime;
        var page = pageSku is not null && ids.TryGetValue(pageSku, out var pageId) ? pageId : (int?)null;
        var rows = skus.Distinct().Where(ids.ContainsKey)
            .Select(s => new ShopWidgetEvent { At = now, Kind = kind, ProductId = ids[s], PageProductId = page, CustomerId = customerId, KeyId = keyId })
            .ToList();
        db.ShopWidgetEvents.AddRange(rows);
        await db.SaveChangesAsync(ct);
        return rows.Count;
    }
}
