using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Exports;

/// <summary>Which customers an export holds: a segment's members (as its grid shows them, search included), or one customer, or all.</summary>
public sealed record CustomerExportFilter(int? SegmentId = null, string? Search = null, int? CustomerId = null);

/// <summary>Which orders: a period (From inclusive, To exclusive), a segment's members, one customer.</summary>
public sealed record OrderExportFilter(DateOnly? From = null, DateOnly? To = null, int? SegmentId = null, int? CustomerId = null);

/// <summary>Which products: the catalogue's search (name, brand, SKU, category in the reader's language), inactive ones or not; which relations: one product's.</summary>
public sealed record ProductExportFilter(string? Search = null, int? CategoryId = null, int? ProductId = null, bool InactiveToo = true, string Language = "en");

/// <summary>
/// The lists users filter, written as CSV in the importer's own columns (the headers are its field names), so that an
/// export imports back unchanged. Streams from the database in chunks: 100,000 customers do not sit in memory at once.
/// Erased customers are left out.
/// </summary>
public sealed class DataExport(IDbContextFactory<CrmDbContext> factory)
{
    private const int Chunk = 2_000;

    public static readonly string[] CustomerColumns =
    [
        "customer", "email", "first-name", "last-name", "phone", "birth-date", "gender", "income-band", "education", "country", "region", "city",
        "postal-code", "lifestyle", "interests", "values", "rep", "customer-since", "consent-email", "consent-phone", "consent-sms", "consent-post", "consent-web",
    ];

    public static readonly string[] ProductColumns =
        ["sku", "name", "brand", "category", "price", "unit-cost", "kind", "active", "repeatable", "benefit-en", "benefit-de", "compatibility"];

    public static readonly string[] RelationColumns = ["from-sku", "to-sku", "kind", "bundle-discount"];

    public static readonly string[] OrderColumns = ["order", "customer", "date", "channel", "sku", "product-name", "quantity", "unit-price", "discount"];

    public static readonly string[] SubscriptionColumns = ["customer", "plan", "started-on", "ended-on", "status", "monthly-price"];

    public static readonly string[] OfferColumns = ["customer", "sku", "date", "rep", "channel", "outcome", "decline-reason", "follow-up-on"];

    /// <summary>Subscriptions of the customers the filter holds (a segment's, one customer's, all); the period is not used.</summary>
    public async Task<int> WriteSubscriptionsAsync(TextWriter output, OrderExportFilter filter, CsvFormat format, CancellationToken ct = default)
    {
        await output.WriteAsync(format.Row(SubscriptionColumns.Select(format.Text)));
        await using var db = await factory.CreateDbContextAsync(ct);
        var subscriptions = db.Subscriptions.Where(s => !s.Customer!.IsErased);
        if (filter.CustomerId is { } customer) subscriptions = subscriptions.Where(s => s.CustomerId == customer);
        if (filter.SegmentId is { } segment) subscriptions = subscriptions.Where(s => db.SegmentMemberships.Any(m => m.SegmentId == segment && m.CustomerId == s.CustomerId));
        var rows = await subscriptions.OrderBy(s => s.Customer!.CustomerNumber).ThenBy(s => s.StartedOn).ThenBy(s => s.Id)
            .Select(s => new { s.Customer!.CustomerNumber, s.Plan!.Sku, s.StartedOn, s.EndedOn, s.Status, s.MonthlyPrice }).ToListAsync(ct);
        foreach (var s in rows)
            await output.WriteAsync(format.Row(format.Text(s.CustomerNumber), format.Text(s.Sku), format.Date(s.StartedOn), format.Date(s.EndedOn), Word(s.Status), Money(format, s.MonthlyPrice)));
        return rows.Count;
    }

    /// <summary>Offers presented in the period (From inclusive, To exclusive), of a segment's members or one customer, with their answers.</summary>
    public async Task<int> WriteOffersAsync(TextWriter output, OrderExportFilter filter, CsvFormat format, CancellationToken ct = default)
    {
        await output.WriteAsync(format.Row(OfferColumns.Select(format.Text)));
        await using var db = await factory.CreateDbContextAsync(ct);
        var offers = db.OfferPresentations.Where(o => !o.Customer!.IsErased);
        if (filter.From is { } from) offers = offers.Where(o => o.PresentedAt >= from.ToDateTime(TimeOnly.MinValue));
        if (filter.To is { } to) offers = offers.Where(o => o.PresentedAt < to.ToDateTime(TimeOnly.MinValue));
        if (filter.CustomerId is { } customer) offers = offers.Where(o => o.CustomerId == customer);
        if (filter.SegmentId is { } segment) offers = offers.Where(o => db.SegmentMemberships.Any(m => m.SegmentId == segment && m.CustomerId == o.CustomerId));
        var ids = await offers.OrderBy(o => o.PresentedAt).ThenBy(o => o.Id).Select(o => o.Id).ToListAsync(ct);
        foreach (var chunk in ids.Chunk(Chunk))
        {
            var rows = await db.OfferPresentations.AsNoTracking().Where(o => chunk.Contains(o.Id)).OrderBy(o => o.PresentedAt).ThenBy(o => o.Id)
                .Select(o => new { o.Customer!.CustomerNumber, o.Product!.Sku, o.PresentedAt, Rep = o.Rep!.Email, o.Channel, o.Outcome, o.DeclineReason, o.FollowUpOn }).ToListAsync(ct);
            foreach (var o in rows)
                await output.WriteAsync(format.Row(format.Text(o.CustomerNumber), format.Text(o.Sku), Time(o.PresentedAt), format.Text(o.Rep), Word(o.Channel), Word(o.Outcome),
                    o.DeclineReason is { } reason ? Word(reason) : "", format.Date(o.FollowUpOn)));
        }
        return ids.Count;
    }

    public async Task<int> WriteCustomersAsync(TextWriter output, CustomerExportFilter filter, CsvFormat format, CancellationToken ct = default)
    {
        await output.WriteAsync(format.Row(CustomerColumns.Select(format.Text)));
        await using var db = await factory.CreateDbContextAsync(ct);
        var ids = await Customers(db, filter).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        var reps = await db.Users.AsNoTracking().Where(u => u.Email != null).ToDictionaryAsync(u => u.Id, u => u.Email!, ct);
        foreach (var chunk in ids.Chunk(Chunk))
        {
            var customers = await db.Customers.AsNoTracking().AsSplitQuery().Include(c => c.Lifestyle).Include(c => c.Tags).Include(c => c.Consents)
                .Where(c => chunk.Contains(c.Id)).OrderBy(c => c.Id).ToListAsync(ct);
            foreach (var c in customers)
            {
                string Consent(ContactChannel channel) => format.Boolean(c.Consents.FirstOrDefault(x => x.Channel == channel)?.Granted);
                string Tags(TagKind kind) => string.Join("|", c.Tags.Where(t => t.Kind == kind).Select(t => t.Code).Order());
                await output.WriteAsync(format.Row(
                    format.Text(c.CustomerNumber), format.Text(c.Email), format.Text(c.FirstName), format.Text(c.LastName), format.Text(c.Phone),
                    format.Date(c.BirthDate), Word(c.Gender), Word(c.IncomeBand), Word(c.Education),
                    format.Text(c.Country == Imports.CustomerImport.UnknownCountry ? null : c.Country), format.Text(c.Region), format.Text(c.City),
                    format.Text(c.PostalCode), format.Text(c.Lifestyle?.Code), format.Text(Tags(TagKind.Interest)), format.Text(Tags(TagKind.Value)),
                    format.Text(c.AssignedRepId is { } rep ? reps.GetValueOrDefault(rep) : null), format.Date(c.CreatedAt),
                    Consent(ContactChannel.Email), Consent(ContactChannel.Phone), Consent(ContactChannel.Sms), Consent(ContactChannel.Post), Consent(ContactChannel.Web)));
            }
        }
        return ids.Count;
    }

    public async Task<int> WriteOrdersAsync(TextWriter output, OrderExportFilter filter, CsvFormat format, CancellationToken ct = default)
    {
        await output.WriteAsync(format.Row(OrderColumns.Select(format.Text)));
        await using var db = await factory.CreateDbContextAsync(ct);
        var orders = db.Orders.Where(o => !o.Customer!.IsErased);
        if (filter.From is { } from) orders = orders.Where(o => o.OrderedAt >= from.ToDateTime(TimeOnly.MinValue));
        if (filter.To is { } to) orders = orders.Where(o => o.OrderedAt < to.ToDateTime(TimeOnly.MinValue));
        if (filter.CustomerId is { } customer) orders = orders.Where(o => o.CustomerId == customer);
        if (filter.SegmentId is { } segment) orders = orders.Where(o => db.SegmentMemberships.Any(m => m.SegmentId == segment && m.CustomerId == o.CustomerId));
        var ids = await orders.OrderBy(o => o.OrderedAt).ThenBy(o => o.Id).Select(o => o.Id).ToListAsync(ct);
        var lines = 0;
        foreach (var chunk in ids.Chunk(Chunk))
        {
            var rows = await db.OrderLines.AsNoTracking().Where(l => chunk.Contains(l.OrderId))
                .Select(l => new { l.Id, l.OrderId, l.Order!.OrderNumber, l.Order.Customer!.CustomerNumber, l.Order.OrderedAt, l.Order.Channel, l.Product!.Sku, l.Product.Name, l.Quantity, l.UnitPrice, l.Discount })
                .ToListAsync(ct);
            var order = chunk.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
            foreach (var l in rows.OrderBy(r => order[r.OrderId]).ThenBy(r => r.Id))
            {
                await output.WriteAsync(format.Row(format.Text(l.OrderNumber), format.Text(l.CustomerNumber), Time(l.OrderedAt), Word(l.Channel), format.Text(l.Sku),
                    format.Text(l.Name), format.Number(l.Quantity), Money(format, l.UnitPrice), Money(format, l.Discount)));
                lines++;
            }
        }
        return lines;
    }

    public async Task<int> WriteProductsAsync(TextWriter output, ProductExportFilter filter, CsvFormat format, CancellationToken ct = default)
    {
        await output.WriteAsync(format.Row(ProductColumns.Select(format.Text)));
        await using var db = await factory.CreateDbContextAsync(ct);
        var products = await db.Products.AsNoTracking().Include(p => p.Category).OrderBy(p => p.Sku).ToListAsync(ct);
        var shown = products.Where(p => Matches(p, filter)).ToList();
        foreach (var p in shown)
            await output.WriteAsync(format.Row(format.Text(p.Sku), format.Text(p.Name), format.Text(p.Brand), format.Text(p.Category?.Code), Money(format, p.Price),
                Money(format, p.UnitCost), Word(p.Kind), format.Boolean(p.IsActive), format.Boolean(p.IsRepeatable), format.Text(p.BenefitEn), format.Text(p.BenefitDe),
                format.Text(string.Join("|", p.CompatibilityTags))));
        return shown.Count;
    }

    public async Task<int> WriteRelationsAsync(TextWriter output, ProductExportFilter filter, CsvFormat format, CancellationToken ct = default)
    {
        await output.WriteAsync(format.Row(RelationColumns.Select(format.Text)));
        await using var db = await factory.CreateDbContextAsync(ct);
        var relations = db.ProductRelations.AsNoTracking();
        if (filter.ProductId is { } product) relations = relations.Where(r => r.FromProductId == product || r.ToProductId == product);
        var rows = await relations.OrderBy(r => r.From!.Sku).ThenBy(r => r.To!.Sku).ThenBy(r => r.Kind)
            .Select(r => new { From = r.From!.Sku, To = r.To!.Sku, r.Kind, r.BundleDiscountPercent }).ToListAsync(ct);
        foreach (var r in rows)
            await output.WriteAsync(format.Row(format.Text(r.From), format.Text(r.To), Word(r.Kind), format.Number(r.BundleDiscountPercent)));
        return rows.Count;
    }

    private static IQueryable<Customer> Customers(CrmDbContext db, CustomerExportFilter filter)
    {
        var customers = db.Customers.Where(c => !c.IsErased);
        if (filter.CustomerId is { } id) customers = customers.Where(c => c.Id == id);
        if (filter.SegmentId is { } segment) customers = customers.Where(c => db.SegmentMemberships.Any(m => m.SegmentId == segment && m.CustomerId == c.Id));
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // The members grid's search: the same stored search text, so the file holds the rows the grid shows.
            var pattern = LikePattern.Containing(filter.Search.Trim().ToLowerInvariant());
            customers = customers.Where(c => EF.Functions.Like(EF.Property<string>(c, nameof(Customer.SearchText)), pattern, LikePattern.Escape));
        }
        return customers;
    }

    /// <summary>The catalogue page's filter: the search in name, brand, SKU or category (either language), and the category.</summary>
    private static bool Matches(Catalog.Product p, ProductExportFilter filter)
    {
        if (filter.CategoryId is { } category && p.CategoryId != category) return false;
        if (filter.ProductId is { } product && p.Id != product) return false;
        if (!filter.InactiveToo && !p.IsActive) return false;
        if (string.IsNullOrWhiteSpace(filter.Search)) return true;
        var search = filter.Search.Trim();
        return new[] { p.Name, p.Brand, p.Sku, p.Category?.NameFor(filter.Language) ?? "" }.Any(s => s.Contains(search, StringComparison.CurrentCultureIgnoreCase));
    }

    private static string Word<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>Money with every digit it has (a price of 2.555 stays 2.555), so that a re-import compares equal.</summary>
    private static string Money(CsvFormat format, decimal value) => value.ToString("0.00##########", format.Numbers);

    /// <summary>The time as stored, to the tick: the importer compares it when the file comes back.</summary>
    private static string Time(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture).TrimEnd('.');
}
