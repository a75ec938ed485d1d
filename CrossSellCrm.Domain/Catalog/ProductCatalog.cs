using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations.Mining;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Catalog;

public sealed record ProductSummary(int Id, string Sku, string Name, string Brand, string CategoryEn, string CategoryDe, ProductKind Kind,
    decimal Price, decimal Margin, bool IsActive)
{
    public string CategoryFor(string language) => language == "de" ? CategoryDe : CategoryEn;
}

/// <summary>A complement of a product: curated by a manager, or found in the baskets ("customers also bought").</summary>
public sealed record ProductComplement(ProductSummary Product, RelationKind? Kind, decimal? BundleDiscountPercent, ProductRule? Rule);

public sealed record ProductSales(int Buyers, int Units, decimal NetRevenue);

public sealed record ProductDetail(ProductSummary Summary, string BenefitEn, string BenefitDe, IReadOnlyList<string> CompatibilityTags,
    double BusinessPriority, ProductSales LastYear, IReadOnlyList<ProductComplement> Curated, IReadOnlyList<ProductComplement> AlsoBought,
    Shop.ShopWidgetStats FromTheShop);

/// <summary>A category as the catalogue page lists it, with the relevance flag a manager sets.</summary>
public sealed record CategorySummary(int Id, string NameEn, string NameDe, bool SeveralAreNormal, int Products, Guid Version)
{
    public string NameFor(string language) => language == "de" ? NameDe : NameEn;
}

/// <summary>What the catalogue page shows: every product and every category with its relevance flag.</summary>
public sealed record CatalogOverview(IReadOnlyList<ProductSummary> Products, IReadOnlyList<CategorySummary> Categories);

/// <summary>The catalogue as staff browse it: the product list, one product with its complements, and the categories.</summary>
public sealed class ProductCatalog(IDbContextFactory<CrmDbContext> factory, RuleBookStore rules, Changes.ChangeHub changes, TimeProvider clock)
{
    public async Task<CatalogOverview> OverviewAsync(CancellationToken ct = default) =>
        new(await ListAsync(ct), await CategoriesAsync(ct));

    public async Task<IReadOnlyList<CategorySummary>> CategoriesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Categories.AsNoTracking().OrderBy(c => c.NameEn)
            .Select(c => new CategorySummary(c.Id, c.NameEn, c.NameDe, c.SeveralAreNormal, db.Products.Count(p => p.CategoryId == c.Id), c.Version))
            .ToListAsync(ct);
    }

    /// <summary>Whether owning several of a category is normal (a manager's call; audited). The engine is rebuilt with it.</summary>
    /// <exception cref="FluentValidation.ValidationException">No such category, or someone changed it since <paramref name="version"/>.</exception>
    public async Task<Guid> SetSeveralAreNormalAsync(int categoryId, bool severalAreNormal, Guid version, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == categoryId, ct)
            ?? throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("Id", Localization.Messages.Text("Catalog_NoCategory"))]);
        db.Entry(category).Property(c => c.Version).OriginalValue = version;
        category.SeveralAreNormal = severalAreNormal;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("Version", Localization.Messages.Text("Catalog_CategoryStale"))]);
        }
        changes.Publish(new Changes.CatalogChanged());
        return category.Version;
    }

    public async Task<IReadOnlyList<ProductSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Summaries(db.Products.OrderBy(p => p.Category!.NameEn).ThenBy(p => p.Name)).ToListAsync(ct);
    }

    /// <summary>Null when there is no such product.</summary>
    public async Task<ProductDetail?> DetailAsync(int productId, int alsoBoughtTake = 6, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var product = await db.Products.AsNoTracking().Include(p => p.Category).FirstOrDefaultAsync(p => p.Id == productId, ct);
        if (product is null) return null;

        var since = clock.GetUtcNow().UtcDateTime.AddYears(-1);
        var lines = db.OrderLines.Where(l => l.ProductId == productId && l.Order!.OrderedAt >= since);
        var sales = new ProductSales(
            await lines.Where(l => l.Quantity > 0).Select(l => l.Order!.CustomerId).Distinct().CountAsync(ct),
            await lines.SumAsync(l => l.Quantity, ct),
            (decimal)(await lines.SumAsync(l => (double?)(l.UnitPrice * l.Quantity - l.Discount), ct) ?? 0));

        var curated = await db.ProductRelations.Where(r => r.FromProductId == productId)
            .Select(r => new { r.ToProductId, r.Kind, r.BundleDiscountPercent }).ToListAsync(ct);
        var alsoBought = rules.Current.AlsoBought(productId, alsoBoughtTake);
        var ids = curated.Select(c => c.ToProductId).Concat(alsoBought.Select(r => r.Consequent)).Distinct().ToList();
        var others = await Summaries(db.Products.Where(p => ids.Contains(p.Id))).ToDictionaryAsync(p => p.Id, ct);
        var shopSince = clock.GetUtcNow().UtcDateTime.AddDays(-ShopWidgetDays);
        var shown = await db.ShopWidgetEvents.Where(e => e.ProductId == productId && e.At >= shopSince)
            .GroupBy(e => e.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var fromTheShop = new Shop.ShopWidgetStats(shown.FirstOrDefault(c => c.Key == Shop.ShopWidgetEventKind.Impression)?.Count ?? 0,
            shown.FirstOrDefault(c => c.Key == Shop.ShopWidgetEventKind.Click)?.Count ?? 0);

        return new ProductDetail(Summary(product), product.BenefitEn, product.BenefitDe, product.CompatibilityTags, product.BusinessPriority, sales,
            curated.Where(c => others.ContainsKey(c.ToProductId)).OrderBy(c => c.Kind).ThenBy(c => others[c.ToProductId].Name)
                .Select(c => new ProductComplement(others[c.ToProductId], c.Kind, c.BundleDiscountPercent, null)).ToList(),
            alsoBought.Where(r => others.ContainsKey(r.Consequent)).Select(r => new ProductComplement(others[r.Consequent], null, null, r)).ToList(),
            fromTheShop);
    }

    /// <summary>The product page counts the shop widget's impressions and clicks over this many days.</summary>
    public const int ShopWidgetDays = 90;

    private static IQueryable<ProductSummary> Summaries(IQueryable<Product> products) =>
        products.Select(p => new ProductSummary(p.Id, p.Sku, p.Name, p.Brand, p.Category!.NameEn, p.Category.NameDe, p.Kind, p.Price, p.Price - p.UnitCost, p.IsActive));

    private static ProductSummary Summary(Product p) =>
        new(p.Id, p.Sku, p.Name, p.Brand, p.Category!.NameEn, p.Category.NameDe, p.Kind, p.Price, p.Margin, p.IsActive);
}
