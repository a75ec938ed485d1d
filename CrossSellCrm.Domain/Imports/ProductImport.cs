using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Localization;
using CrossSellCrm.Domain.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Imports;

/// <summary>One product of a products file, read: null is "not in the file", and leaves what the catalogue holds.</summary>
public sealed record ProductRow(ImportRow Row, string? Sku, string? Name, string? Brand, string? Category, decimal? Price, decimal? UnitCost, ProductKind? Kind,
    bool? Active, bool? Repeatable, string? BenefitEn, string? BenefitDe, IReadOnlyList<string>? Compatibility)
{
    public static ProductRow Read(ImportRow row) => new(row, row.Text("sku"), row.Text("name"), row.Text("brand"), row.Text("category"), row.Decimal("price"),
        row.Decimal("unit-cost"), row.Choice("kind", ImportWords.ProductKind), row.Boolean("active"), row.Boolean("repeatable"), row.Text("benefit-en"),
        row.Text("benefit-de"), row.List("compatibility"));
}

public sealed partial class ProductRowValidator : AbstractValidator<ProductRow>
{
    public ProductRowValidator()
    {
        RuleFor(r => r.Sku).NotEmpty().WithMessage(_ => Messages.Text("Import_Required")).MaximumLength(40).WithMessage(_ => Messages.Text("Import_TooLong", 40)).OverridePropertyName("sku");
        RuleFor(r => r.Name).NotEmpty().WithMessage(_ => Messages.Text("Import_Required")).MaximumLength(200).WithMessage(_ => Messages.Text("Import_TooLong", 200)).OverridePropertyName("name");
        RuleFor(r => r.Brand).MaximumLength(60).WithMessage(_ => Messages.Text("Import_TooLong", 60)).OverridePropertyName("brand");
        RuleFor(r => r.Category).MaximumLength(100).WithMessage(_ => Messages.Text("Import_TooLong", 100)).OverridePropertyName("category");
        RuleFor(r => r.Price).NotNull().WithMessage(_ => Messages.Text("Import_Required"))
            .InclusiveBetween(0, 1_000_000).WithMessage(_ => Messages.Text("Import_PriceOutOfRange")).OverridePropertyName("price");
        RuleFor(r => r.UnitCost).InclusiveBetween(0, 1_000_000).WithMessage(_ => Messages.Text("Import_PriceOutOfRange")).OverridePropertyName("unit-cost");
        RuleFor(r => r.BenefitEn).MaximumLength(500).WithMessage(_ => Messages.Text("Import_TooLong", 500)).OverridePropertyName("benefit-en");
        RuleFor(r => r.BenefitDe).MaximumLength(500).WithMessage(_ => Messages.Text("Import_TooLong", 500)).OverridePropertyName("benefit-de");
        // Tags as the catalogue writes them: "usb-c", "eco", or a kind and a value ("fits:pixel-9", "mount:sony-e").
        RuleFor(r => r.Compatibility).Must(tags => tags is null || tags.All(t => Tag().IsMatch(t))).WithMessage(_ => Messages.Text("Import_CompatibilityTag"))
            .OverridePropertyName("compatibility");
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9.+-]*(:[a-z0-9][a-z0-9.+-]*)?$")]
    private static partial System.Text.RegularExpressions.Regex Tag();
}

/// <summary>Writes products, keyed by SKU; a category the file names is found by code or name, and created when it is new.</summary>
internal sealed class ProductImport(ImportDirectory directory, int jobId) : IImportWriter
{
    private readonly ProductRowValidator _validator = new();
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);
    /// <summary>A dry run's products "created" in earlier batches: a later row with the same SKU changes them, as it would the real ones.</summary>
    private readonly Dictionary<string, Product> _dryRunCreated = new(StringComparer.Ordinal);

    public string? GroupKey(ImportRow row) => null;

    public void Skipped(ImportRow row)
    {
        if (row.Text("sku") is { } sku) _seen[sku] = row.Line;
    }

    public async Task<IReadOnlyList<ImportRow>> WriteAsync(CrmDbContext db, IReadOnlyList<ImportRow> rows, ImportCounts counts, bool dryRun, CancellationToken ct)
    {
        var read = rows.Select(ProductRow.Read).ToList();
        foreach (var row in read.Where(r => !r.Row.IsRejected))
            foreach (var failure in _validator.Validate(row).Errors)
                row.Row.Reject(failure.PropertyName, row.Row.Text(failure.PropertyName), failure.ErrorMessage);
        var ids = read.Where(r => !r.Row.IsRejected).Select(r => directory.ProductsBySku.TryGetValue(r.Sku!, out var p) ? p.Id : 0).Where(id => id != 0).Distinct().ToList();
        var existing = ids.Count == 0 ? [] : await db.Products.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var created = new Dictionary<string, Product>(StringComparer.Ordinal);

        foreach (var row in read.Where(r => !r.Row.IsRejected))
        {
            var sku = row.Sku!;
            if (_seen.TryGetValue(sku, out var earlier))
            {
                row.Row.Duplicate("sku", sku, Messages.Text("Import_DuplicateKey", sku, earlier));
                counts.RowsDuplicate++;
            }
            _seen[sku] = row.Row.Line;
            int? categoryId = null;
            if (row.Category is { } category)
                categoryId = dryRun && !directory.Categories.ContainsKey(ImportedCategory.Slug(category)) && !directory.Categories.ContainsKey(ImportFields.Normalise(category))
                    ? ImportDirectory.NotWritten
                    : await ImportedCategory.EnsureAsync(db, directory, category, category, category, ct);

            if (created.TryGetValue(sku, out var product))
            {
                if (!Apply(product, row, categoryId)) counts.RowsUnchanged++;
            }
            else if (_dryRunCreated.TryGetValue(sku, out product) || (directory.ProductsBySku.TryGetValue(sku, out var known) && existing.TryGetValue(known.Id, out product)))
            {
                if (Apply(product, row, categoryId)) { counts.ProductsUpdated++; product.ImportJobId = jobId; }
                else counts.RowsUnchanged++;
            }
            else
            {
                product = new Product { Sku = sku, Name = row.Name!, Brand = "", BenefitEn = "", BenefitDe = "", ImportJobId = jobId };
                Apply(product, row, categoryId ?? (dryRun ? ImportDirectory.NotWritten : await ImportedCategory.EnsureAsync(db, directory, ct)));
                created[sku] = product;
                counts.ProductsCreated++;
                if (!dryRun) db.Products.Add(product);
            }
        }
        if (!dryRun) await db.SaveChangesAsync(ct);
        foreach (var (sku, product) in created)
        {
            directory.ProductsBySku[sku] = (dryRun ? ImportDirectory.NotWritten : product.Id, product.UnitCost, product.Price);
            if (dryRun) _dryRunCreated[sku] = product;
        }
        return rows;
    }

    private static bool Apply(Product p, ProductRow row, int? categoryId)
    {
        var changed = false;
        void Set<T>(T? value, T current, Action<T> set)
        {
            if (value is null || EqualityComparer<T>.Default.Equals(current, value)) return;
            set(value);
            changed = true;
        }
        Set(row.Name, p.Name, v => p.Name = v);
        Set(row.Brand, p.Brand, v => p.Brand = v);
        Set(categoryId, p.CategoryId, v => p.CategoryId = v!.Value);
        Set(row.Price, p.Price, v => p.Price = v!.Value);
        Set(row.UnitCost, p.UnitCost, v => p.UnitCost = v!.Value);
        Set(row.Kind, p.Kind, v => p.Kind = v!.Value);
        Set(row.Active, p.IsActive, v => p.IsActive = v!.Value);
        Set(row.Repeatable, p.IsRepeatable, v => p.IsRepeatable = v!.Value);
        Set(row.BenefitEn, p.BenefitEn, v => p.BenefitEn = v);
        Set(row.BenefitDe, p.BenefitDe, v => p.BenefitDe = v);
        if (row.Compatibility is { } tags && !tags.SequenceEqual(p.CompatibilityTags))
        {
            p.CompatibilityTags = [.. tags];
            changed = true;
        }
        return changed;
    }
}

/// <summary>One curated complement of a relations file.</summary>
public sealed record RelationRow(ImportRow Row, string? FromSku, string? ToSku, RelationKind Kind, decimal? BundleDiscount)
{
    public static RelationRow Read(ImportRow row) =>
        new(row, row.Text("from-sku"), row.Text("to-sku"), row.Choice("kind", ImportWords.RelationKind) ?? RelationKind.Accessory, row.Decimal("bundle-discount"));
}

public sealed class RelationRowValidator : AbstractValidator<RelationRow>
{
    public RelationRowValidator()
    {
        RuleFor(r => r.FromSku).NotEmpty().WithMessage(_ => Messages.Text("Import_Required")).OverridePropertyName("from-sku");
        RuleFor(r => r.ToSku).NotEmpty().WithMessage(_ => Messages.Text("Import_Required"))
            .NotEqual(r => r.FromSku).WithMessage(_ => Messages.Text("Import_RelationToItself")).OverridePropertyName("to-sku");
        RuleFor(r => r.BundleDiscount).InclusiveBetween(0, 100).WithMessage(_ => Messages.Text("Import_PercentOutOfRange")).OverridePropertyName("bundle-discount");
    }
}

/// <summary>Writes curated complements, keyed by (from, to, kind); both products must be in the catalogue.</summary>
internal sealed class RelationImport(ImportDirectory directory, TimeProvider clock, int jobId) : IImportWriter
{
    private readonly RelationRowValidator _validator = new();

    public string? GroupKey(ImportRow row) => null;

    public async Task<IReadOnlyList<ImportRow>> WriteAsync(CrmDbContext db, IReadOnlyList<ImportRow> rows, ImportCounts counts, bool dryRun, CancellationToken ct)
    {
        var read = rows.Select(RelationRow.Read).ToList();
        var pairs = new List<(RelationRow Row, int From, int To)>();
        foreach (var row in read.Where(r => !r.Row.IsRejected))
        {
            foreach (var failure in _validator.Validate(row).Errors)
                row.Row.Reject(failure.PropertyName, row.Row.Text(failure.PropertyName), failure.ErrorMessage);
            if (row.Row.IsRejected) continue;
            if (!directory.ProductsBySku.TryGetValue(row.FromSku!, out var from)) row.Row.Reject("from-sku", row.FromSku, Messages.Text("Import_ProductUnknown", row.FromSku!));
            if (!directory.ProductsBySku.TryGetValue(row.ToSku!, out var to)) row.Row.Reject("to-sku", row.ToSku, Messages.Text("Import_ProductUnknown", row.ToSku!));
            if (!row.Row.IsRejected) pairs.Add((row, from.Id, to.Id));
        }
        var fromIds = pairs.Select(p => p.From).Distinct().ToList();
        var existing = fromIds.Count == 0 ? [] : await db.ProductRelations.Where(r => fromIds.Contains(r.FromProductId)).ToListAsync(ct);
        foreach (var (row, from, to) in pairs)
        {
            var relation = existing.FirstOrDefault(r => r.FromProductId == from && r.ToProductId == to && r.Kind == row.Kind);
            if (relation is null)
            {
                relation = new ProductRelation
                {
                    FromProductId = from, ToProductId = to, Kind = row.Kind, BundleDiscountPercent = row.BundleDiscount, CuratedAt = clock.GetUtcNow().UtcDateTime, ImportJobId = jobId,
                };
                existing.Add(relation);
                counts.RelationsCreated++;
                if (!dryRun) db.ProductRelations.Add(relation);
            }
            else if (row.BundleDiscount is { } discount && relation.BundleDiscountPercent != discount)
            {
                (relation.BundleDiscountPercent, relation.ImportJobId) = (discount, jobId);
                counts.RelationsUpdated++;
            }
            else counts.RowsUnchanged++;
        }
        if (!dryRun) await db.SaveChangesAsync(ct);
        return rows;
    }
}
