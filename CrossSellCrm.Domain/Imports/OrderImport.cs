using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Localization;
using CrossSellCrm.Domain.Orders;
using CrossSellCrm.Domain.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Imports;

/// <summary>One order line of an orders file, read.</summary>
public sealed record OrderLineRow(ImportRow Row, string? Order, string? Customer, DateTime? OrderedAt, SalesChannel? Channel, string? Sku, string? ProductName,
    int Quantity, decimal? UnitPrice, decimal Discount, string? Country)
{
    public static OrderLineRow Read(ImportRow row)
    {
        var at = row.DateTime("date");
        if (at is { } day && row.Text("time") is { } time)
        {
            if (TimeOnly.TryParse(time, row.Culture.Culture, out var t)) at = day.Date + t.ToTimeSpan();
            else row.Reject("time", time, Messages.Text("Import_NotATime"));
        }
        return new OrderLineRow(row, row.Text("order"), row.Key("customer"), at, row.Choice("channel", ImportWords.Channel), row.Text("sku"),
            row.Text("product-name"), row.Integer("quantity") ?? 1, row.Decimal("unit-price"), row.Decimal("discount") ?? 0, row.Text("country"));
    }
}

/// <summary>What an order line must be, whichever way it comes in (the limits are the database's and the cockpit's).</summary>
public sealed class OrderLineRowValidator : AbstractValidator<OrderLineRow>
{
    public OrderLineRowValidator(TimeProvider clock)
    {
        RuleFor(r => r.Order).NotEmpty().WithMessage(_ => Messages.Text("Import_Required")).MaximumLength(20).WithMessage(_ => Messages.Text("Import_TooLong", 20)).OverridePropertyName("order");
        RuleFor(r => r.Sku).NotEmpty().WithMessage(_ => Messages.Text("Import_Required")).MaximumLength(40).WithMessage(_ => Messages.Text("Import_TooLong", 40)).OverridePropertyName("sku");
        RuleFor(r => r.OrderedAt).NotNull().WithMessage(_ => Messages.Text("Import_Required"))
            .Must(d => d is null || (d.Value.Year >= 1990 && d.Value <= clock.GetUtcNow().UtcDateTime.AddDays(1))).WithMessage(_ => Messages.Text("Import_DateOutOfRange"))
            .OverridePropertyName("date");
        RuleFor(r => r.Quantity).NotEqual(0).WithMessage(_ => Messages.Text("Import_QuantityZero"))
            .InclusiveBetween(-100_000, 100_000).WithMessage(_ => Messages.Text("Import_QuantityOutOfRange")).OverridePropertyName("quantity");
        RuleFor(r => r.UnitPrice).InclusiveBetween(0, 1_000_000).WithMessage(_ => Messages.Text("Import_PriceOutOfRange")).OverridePropertyName("unit-price");
        // A return gives the discount back with the goods: its discount is negative like its quantity.
        RuleFor(r => r.Discount).Must((r, d) => d >= 0 || r.Quantity < 0).WithMessage(_ => Messages.Text("Import_DiscountNegative")).OverridePropertyName("discount");
        RuleFor(r => r.ProductName).MaximumLength(200).WithMessage(_ => Messages.Text("Import_TooLong", 200)).OverridePropertyName("product-name");
        RuleFor(r => r.Customer).MaximumLength(254).WithMessage(_ => Messages.Text("Import_TooLong", 254))
            .Must(c => c is null || c.Length <= 20 || ImportDirectory.LooksLikeEmail(c)).WithMessage(_ => Messages.Text("Import_TooLong", 20)).OverridePropertyName("customer");
    }
}

/// <summary>
/// Writes order lines: an order is a document, keyed by its number. A new number is a new order; a known one whose lines
/// (product, quantity, price, discount, in the file's order) or header (customer, date, channel) differ is replaced; an
/// identical one is left alone. Two rows with the same SKU stay two lines. An order whose lines come apart in the file
/// (others between them) is held until its last line and then written whole. A row without a customer key is skipped:
/// an order belongs to a customer. A row without a price takes the catalogue's.
/// </summary>
/// <param name="split">Orders whose lines come apart in the file, with the line of their last row (<see cref="ScanSplitOrders"/>).</param>
internal sealed class OrderImport(ImportDirectory directory, ImportSettings settings, TimeProvider clock, int jobId, IReadOnlyDictionary<string, long> split) : IImportWriter
{
    private readonly OrderLineRowValidator _validator = new(clock);
    /// <summary>The rows of split orders read so far, waiting for their order's last row.</summary>
    private readonly Dictionary<string, List<ImportRow>> _held = new(StringComparer.Ordinal);
    private int? _importedCategory;

    /// <summary>The order number of a row (batches end between orders, never inside one).</summary>
    public string? GroupKey(ImportRow row) => row.Text("order");

    /// <summary>
    /// The orders whose rows are not all next to each other, and the line of each one's last row: one quick pass over the
    /// file before the import (an export sorted by anything but the order has them). Usually empty.
    /// </summary>
    public static Dictionary<string, long> ScanSplitOrders(string path, ImportSettings settings)
    {
        using var csv = CsvFileReader.Open(path);
        var map = new ColumnMap(csv.Header, settings.Mapping, csv.Dialect.Separator);
        var culture = new ImportCulture(settings.Culture, settings.DateFormat);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var last = new Dictionary<string, long>(StringComparer.Ordinal);
        string? previous = null;
        while (csv.Read() is { } record)
        {
            if (new ImportRow(record, map, culture).Text("order") is not { } order) continue;
            if (order != previous && !seen.Add(order)) last[order] = 0; // it came before, with other orders between
            if (last.ContainsKey(order)) last[order] = record.Line;
            previous = order;
        }
        return last;
    }

    public void Skipped(ImportRow row) => Hold(row);

    public void Resumed(long lastLine)
    {
        // Orders whose last row was in the committed batches were written then.
        foreach (var order in _held.Keys.Where(o => split[o] <= lastLine).ToList()) _held.Remove(order);
    }

    /// <summary>Keeps a row of a split order before its last row; true when it was kept.</summary>
    private bool Hold(ImportRow row)
    {
        if (split.Count == 0 || row.Text("order") is not { } order || !split.TryGetValue(order, out var last) || row.Line >= last) return false;
        if (!_held.TryGetValue(order, out var rows)) _held[order] = rows = [];
        rows.Add(row);
        return true;
    }

    public async Task<IReadOnlyList<ImportRow>> WriteAsync(CrmDbContext db, IReadOnlyList<ImportRow> batch, ImportCounts counts, bool dryRun, CancellationToken ct)
    {
        var rows = new List<ImportRow>(batch.Count);
        foreach (var row in batch)
        {
            if (Hold(row)) continue;
            if (split.Count > 0 && row.Text("order") is { } order && _held.Remove(order, out var earlier)) rows.AddRange(earlier);
            rows.Add(row);
        }

        var lines = new List<OrderLineRow>(rows.Count);
        foreach (var row in rows)
        {
            var line = OrderLineRow.Read(row);
            if (!row.IsRejected)
            {
                foreach (var failure in _validator.Validate(line).Errors)
                    row.Reject(failure.PropertyName, row.Text(failure.PropertyName), failure.ErrorMessage);
            }
            if (!row.IsRejected && line.Customer is null) row.Skip(Messages.Text("Import_NoCustomerKey"));
            lines.Add(line);
        }

        // An order is a document: one rejected line keeps the whole order out (a stored one stays as it is), and says so.
        foreach (var order in lines.Where(l => l.Order is not null).GroupBy(l => l.Order!).Where(g => g.Any(l => l.Row.IsRejected)))
            Leave(order);
        var numbers = lines.Where(l => !l.Row.IsRejected && !l.Row.IsSkipped).Select(l => l.Order!).Distinct().ToList();
        // Read for comparing, untracked: on a re-import almost every order is unchanged, and tracking a batch's lines would cost more than the rest.
        var existing = numbers.Count == 0 ? [] : await db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => numbers.Contains(o.OrderNumber)).ToDictionaryAsync(o => o.OrderNumber, ct);
        // An order's lines stay apart from the order: an order with lines in its list would insert them through EF too.
        var stored = existing.ToDictionary(p => p.Key, p => p.Value.Lines.OrderBy(l => l.Id).ToList());
        foreach (var order in existing.Values) order.Lines = [];
        _importedCategory ??= directory.Categories.GetValueOrDefault(ImportedCategory.Code) is var known and > 0 ? known : null;
        Category? newCategory = null;
        var newCustomers = new Dictionary<string, Customer>(StringComparer.OrdinalIgnoreCase);
        var newProducts = new Dictionary<string, Product>(StringComparer.Ordinal);
        // Lines are inserted after their orders have ids, in one prepared statement (EF's tracking made the import three times slower).
        var newLines = new List<(Order Order, List<OrderLine> Lines)>();
        var replaced = new List<int>();

        foreach (var group in lines.Where(l => !l.Row.IsRejected && !l.Row.IsSkipped).GroupBy(l => l.Order!))
        {
            var first = group.First();
            if (directory.IsErased(first.Customer!))
            {
                foreach (var l in group) l.Row.Reject("customer", l.Customer, Messages.Text("Import_CustomerErased"));
                continue;
            }
            var customerId = directory.Customer(first.Customer!);
            if (customerId is null && !newCustomers.ContainsKey(first.Customer!) && !settings.CreateMissing)
            {
                foreach (var l in group) l.Row.Reject("customer", l.Customer, Messages.Text("Import_CustomerUnknown", first.Customer!));
                continue;
            }
            // Every line checked before anything is made for the order: a rejected one leaves the whole order out.
            foreach (var l in group)
            {
                if (l.Customer != first.Customer)
                    l.Row.Reject("customer", l.Customer, Messages.Text("Import_OrderCustomerDiffers", l.Order!, first.Customer!, first.Row.Line));
                else if (directory.ProductsBySku.ContainsKey(l.Sku!) || newProducts.ContainsKey(l.Sku!)) { }
                else if (!settings.CreateMissing) l.Row.Reject("sku", l.Sku, Messages.Text("Import_ProductUnknown", l.Sku!));
                else if (l.UnitPrice is null) l.Row.Reject("unit-price", null, Messages.Text("Import_NoPrice", l.Sku!));
            }
            if (group.Any(l => l.Row.IsRejected))
            {
                Leave(group);
                continue;
            }
            Customer? newCustomer = null;
            if (customerId is null && !newCustomers.TryGetValue(first.Customer!, out newCustomer))
            {
                newCustomer = NewCustomer(first);
                newCustomers[first.Customer!] = newCustomer;
                counts.CustomersCreated++;
                if (!dryRun) db.Customers.Add(newCustomer);
            }

            var orderLines = new List<OrderLine>();
            foreach (var l in group)
            {
                var line = new OrderLine { Quantity = l.Quantity, Discount = l.Discount };
                if (directory.ProductsBySku.TryGetValue(l.Sku!, out var product))
                    (line.ProductId, line.UnitCost, line.UnitPrice) = (product.Id, product.UnitCost, l.UnitPrice ?? product.Price);
                else if (newProducts.TryGetValue(l.Sku!, out var created))
                    (line.Product, line.UnitPrice) = (created, l.UnitPrice ?? created.Price);
                else
                {
                    created = new Product { Sku = l.Sku!, Name = l.ProductName ?? l.Sku!, Brand = "", Price = l.UnitPrice!.Value, UnitCost = 0, BenefitEn = "", BenefitDe = "", ImportJobId = jobId };
                    if (!dryRun)
                    {
                        // The category for products without one, made with the first such product (not for a file that makes none).
                        if (_importedCategory is { } categoryId) created.CategoryId = categoryId;
                        else created.Category = newCategory ??= db.Categories.Add(ImportedCategory.New()).Entity;
                        db.Products.Add(created);
                    }
                    newProducts[l.Sku!] = created;
                    counts.ProductsCreated++;
                    (line.Product, line.UnitPrice) = (created, l.UnitPrice.Value);
                }
                orderLines.Add(line);
            }

            var orderedAt = first.OrderedAt!.Value;
            var channel = first.Channel ?? SalesChannel.Online;
            var number = group.Key;
            if (existing.TryGetValue(number, out var order))
            {
                var sameHeader = newCustomer is null && order.CustomerId == customerId && order.OrderedAt == orderedAt && order.Channel == channel;
                if (sameHeader && SameLines(stored[number], orderLines))
                {
                    counts.RowsUnchanged += orderLines.Count;
                    continue;
                }
                replaced.Add(order.Id);
                if (newCustomer is not null) order.Customer = newCustomer; else order.CustomerId = customerId!.Value;
                (order.OrderedAt, order.Channel, order.ImportJobId) = (orderedAt, channel, jobId);
                order.RecalculateTotals(orderLines);
                if (!dryRun) db.Orders.Update(order);
                newLines.Add((order, orderLines));
                counts.OrdersUpdated++;
                counts.OrderLinesCreated += orderLines.Count;
            }
            else
            {
                var created = new Order { OrderNumber = number, OrderedAt = orderedAt, Channel = channel, ImportJobId = jobId };
                if (newCustomer is not null) created.Customer = newCustomer; else created.CustomerId = customerId!.Value;
                created.RecalculateTotals(orderLines);
                counts.OrdersCreated++;
                counts.OrderLinesCreated += orderLines.Count;
                if (!dryRun) db.Orders.Add(created);
                newLines.Add((created, orderLines));
            }
        }

        if (dryRun)
        {
            foreach (var key in newCustomers.Keys) Remember(key, ImportDirectory.NotWritten);
            foreach (var (sku, product) in newProducts) directory.ProductsBySku[sku] = (ImportDirectory.NotWritten, 0, product.Price);
            return rows;
        }
        if (replaced.Count > 0) await db.OrderLines.Where(l => replaced.Contains(l.OrderId)).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        var inserts = new List<OrderLine>();
        foreach (var (order, orderLines) in newLines)
        {
            foreach (var line in orderLines)
            {
                line.OrderId = order.Id;
                if (line.Product is { } product) (line.ProductId, line.UnitCost, line.Product) = (product.Id, product.UnitCost, null);
                inserts.Add(line);
            }
        }
        await new BulkInserter(db).InsertAsync(inserts, ct: ct, withKeys: false);
        foreach (var (key, customer) in newCustomers) Remember(key, customer.Id);
        foreach (var (sku, product) in newProducts) directory.ProductsBySku[sku] = (product.Id, product.UnitCost, product.Price);
        if (newCategory is not null)
        {
            _importedCategory = newCategory.Id;
            directory.Categories[ImportedCategory.Code] = newCategory.Id;
        }
        return rows;
    }

    /// <summary>The order's rows that were not rejected are skipped, with the reason: another of its lines was.</summary>
    private static void Leave(IEnumerable<OrderLineRow> order)
    {
        var rows = order.ToList();
        var rejected = rows.First(l => l.Row.IsRejected).Row.Line;
        foreach (var l in rows.Where(l => !l.Row.IsRejected && !l.Row.IsSkipped)) l.Row.Skip(Messages.Text("Import_OrderHasRejectedLine", l.Order!, rejected));
    }

    private void Remember(string key, int id)
    {
        if (ImportDirectory.LooksLikeEmail(key)) directory.CustomersByEmail[key] = id;
        else directory.CustomersByNumber[key] = id;
    }

    private static bool SameLines(List<OrderLine> stored, List<OrderLine> file)
    {
        if (stored.Count != file.Count) return false;
        for (var i = 0; i < stored.Count; i++)
        {
            var (a, b) = (stored[i], file[i]);
            if (b.Product is not null || a.ProductId != b.ProductId || a.Quantity != b.Quantity || a.UnitPrice != b.UnitPrice || a.Discount != b.Discount) return false;
        }
        return true;
    }

    private Customer NewCustomer(OrderLineRow row)
    {
        var key = row.Customer!;
        var email = ImportDirectory.LooksLikeEmail(key) ? key : null;
        return new Customer
        {
            CustomerNumber = email is null ? key : ImportDirectory.NumberFor(email),
            Email = email,
            FirstName = "", LastName = "",
            Country = row.Country is { } country ? ImportWords.Country(country) ?? CustomerImport.UnknownCountry : CustomerImport.UnknownCountry,
            CreatedAt = row.OrderedAt!.Value,
            ImportJobId = jobId,
        };
    }
}
