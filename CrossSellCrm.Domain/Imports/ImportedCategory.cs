using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Persistence;

namespace CrossSellCrm.Domain.Imports;

/// <summary>
/// Where products go that an import creates without a category (an orders file names only SKU and description). Owning
/// several of them counts as normal: the engine does not know which are substitutes of each other until a manager sorts
/// them into real categories.
/// </summary>
internal static class ImportedCategory
{
    public const string Code = "imported";

    public static async Task<int> EnsureAsync(CrmDbContext db, ImportDirectory directory, CancellationToken ct) =>
        await EnsureAsync(db, directory, Code, "Imported products", "Importierte Produkte", ct);

    /// <summary>The category itself, for a batch that saves it with its first product.</summary>
    public static Category New() => new() { Code = Code, NameEn = "Imported products", NameDe = "Importierte Produkte", SeveralAreNormal = true, GenderDe = GrammaticalGender.Neuter };

    /// <summary>The category a products file names (by code or name), created when it is new.</summary>
    public static async Task<int> EnsureAsync(CrmDbContext db, ImportDirectory directory, string name, string nameEn, string nameDe, CancellationToken ct)
    {
        var code = Slug(name);
        if (directory.Categories.TryGetValue(code, out var id) || directory.Categories.TryGetValue(ImportFields.Normalise(name), out id)) return id;
        var category = new Category { Code = code, NameEn = nameEn, NameDe = nameDe, SeveralAreNormal = true, GenderDe = GrammaticalGender.Neuter };
        db.Categories.Add(category);
        await db.SaveChangesAsync(ct);
        directory.Categories[code] = category.Id;
        directory.Categories[ImportFields.Normalise(name)] = category.Id;
        return category.Id;
    }

    /// <summary>"Phone Cases" → "phone-cases".</summary>
    public static string Slug(string name)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c)) current.Append(c);
            else if (current.Length > 0) { parts.Add(current.ToString()); current.Clear(); }
        }
        if (current.Length > 0) parts.Add(current.ToString());
        var slug = string.Join("-", parts);
        return slug.Length > 60 ? slug[..60] : slug;
    }
}
