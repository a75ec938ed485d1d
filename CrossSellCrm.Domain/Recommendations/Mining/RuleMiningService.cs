using System.Diagnostics;
using CrossSellCrm.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Recommendations.Mining;

/// <summary>Loads order baskets (products per order, returns left out), mines them and swaps in the new rules.</summary>
public sealed class RuleMiningService(IDbContextFactory<CrmDbContext> factory, RuleBookStore store, TimeProvider clock)
{
    public async Task<RuleBook> MineAsync(MiningOptions options, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        await using var db = await factory.CreateDbContextAsync(ct);
        var lines = await db.OrderLines.Where(l => l.Quantity > 0).OrderBy(l => l.OrderId)
            .Select(l => new { l.OrderId, l.ProductId }).AsNoTracking().ToListAsync(ct);

        var productOfItem = lines.Select(l => l.ProductId).Distinct().Order().ToArray();
        var itemOfProduct = productOfItem.Select((product, item) => (product, item)).ToDictionary(x => x.product, x => x.item);
        var baskets = new List<int[]>();
        var current = new List<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            current.Add(itemOfProduct[lines[i].ProductId]);
            if (i + 1 == lines.Count || lines[i + 1].OrderId != lines[i].OrderId)
            {
                baskets.Add([.. current]);
                current.Clear();
            }
        }
        var set = BasketSet.FromIds(baskets, productOfItem.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        // The mining itself is CPU-bound: off the caller's thread, never on a request path.
        var result = await Task.Run(() => AssociationMiner.Mine(set, options, ct), ct);
        var book = RuleBook.From(result, productOfItem, options, clock.GetUtcNow().UtcDateTime, watch.Elapsed);
        store.Swap(book);
        return book;
    }
}
