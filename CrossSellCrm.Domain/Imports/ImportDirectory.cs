using System.Security.Cryptography;
using System.Text;
using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Imports;

/// <summary>
/// The natural keys a job looks rows up by — customer number and e-mail, SKU, category, tag and rep — read once when the job
/// starts and kept up to date with what its batches create, so a million order lines do not make a million lookups. It
/// grows with the customers and products of a file, not with its lines.
/// </summary>
internal sealed class ImportDirectory
{
    /// <summary>The id of a record a dry run would create: known from then on, written never.</summary>
    public const int NotWritten = 0;

    public Dictionary<string, int> CustomersByNumber { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> CustomersByEmail { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, (int Id, decimal UnitCost, decimal Price)> ProductsBySku { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> Categories { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> RepsByEmail { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>The catalogue's subscription plans (a subscriptions file may only name these).</summary>
    public HashSet<int> PlanIds { get; } = [];
    /// <summary>Hashes of the numbers and e-mails of erased customers (<see cref="Privacy.PrivacyService.KeyHash"/>): an import does not bring them back.</summary>
    public HashSet<string> ErasedKeys { get; } = [];

    public bool IsErased(string key) => ErasedKeys.Count > 0 && ErasedKeys.Contains(Privacy.PrivacyService.KeyHash(key));

    public static async Task<ImportDirectory> LoadAsync(CrmDbContext db, ImportKind kind, CancellationToken ct)
    {
        var directory = new ImportDirectory();
        if (kind is not (ImportKind.Products or ImportKind.Relations))
        {
            await foreach (var c in db.Customers.AsNoTracking().Select(c => new { c.Id, c.CustomerNumber, c.Email }).AsAsyncEnumerable().WithCancellation(ct))
            {
                directory.CustomersByNumber[c.CustomerNumber] = c.Id;
                if (c.Email is { Length: > 0 } email) directory.CustomersByEmail.TryAdd(email, c.Id);
            }
        }
        await foreach (var p in db.Products.AsNoTracking().Select(p => new { p.Id, p.Sku, p.UnitCost, p.Price }).AsAsyncEnumerable().WithCancellation(ct))
            directory.ProductsBySku[p.Sku] = (p.Id, p.UnitCost, p.Price);
        foreach (var c in await db.Categories.AsNoTracking().Select(c => new { c.Id, c.Code, c.NameEn, c.NameDe }).ToListAsync(ct))
        {
            directory.Categories[c.Code] = c.Id;
            directory.Categories.TryAdd(ImportFields.Normalise(c.NameEn), c.Id);
            directory.Categories.TryAdd(ImportFields.Normalise(c.NameDe), c.Id);
        }
        if (kind == ImportKind.Subscriptions)
            directory.PlanIds.UnionWith(await db.Products.Where(p => p.Kind == Catalog.ProductKind.SubscriptionPlan).Select(p => p.Id).ToListAsync(ct));
        if (kind is ImportKind.Customers or ImportKind.Orders or ImportKind.Subscriptions or ImportKind.Offers)
        {
            foreach (var keys in await db.PrivacyRequests.AsNoTracking().Where(r => r.ErasedKeys != null).Select(r => r.ErasedKeys!).ToListAsync(ct))
                directory.ErasedKeys.UnionWith(keys.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
        if (kind is ImportKind.Customers or ImportKind.Offers)
        {
            foreach (var rep in await db.Users.AsNoTracking().Where(u => u.Email != null).Select(u => new { u.Id, u.Email }).ToListAsync(ct))
                directory.RepsByEmail[rep.Email!] = rep.Id;
        }
        return directory;
    }

    /// <summary>The customer a key names: its customer number, else its e-mail.</summary>
    public int? Customer(string key) =>
        CustomersByNumber.TryGetValue(key, out var id) || CustomersByEmail.TryGetValue(key, out id) ? id : null;

    /// <summary>
    /// A customer known only by e-mail gets a number from it: the same e-mail always the same number, so a file imported
    /// twice does not make two customers (the e-mail finds the first one anyway).
    /// </summary>
    public static string NumberFor(string email)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant()));
        return "E" + Convert.ToHexString(hash)[..12];
    }

    public static bool LooksLikeEmail(string key) => key.Contains('@');
}
