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
        return new OrderLineRow(row, row.Key("order"), row.Key("customer"), at, row.Choice("channel", ImportWords.Channel), row.Key("sku"),
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
        RuleFor(r => r.UnitPrice).NotNull().WithMessage(_ => Messages.Text("Import_Required"))
            .InclusiveBetween(0, 1_000_000).WithMessage(_ => Messages.Text("Import_PriceOutOfRange")).OverridePropertyName("unit-price");
        RuleFor(r => r.Discount).GreaterThanOrEqualTo(0).WithMessage(_ => Messages.Text("Import_DiscountNegative")).OverridePropertyName("discount");
        RuleFor(r => r.ProductName).MaximumLength(200).WithMessage(_ => Messages.Text("Import_TooLong", 200)).OverridePropertyName("product-name");
        RuleFor(r => r.Customer).MaximumLength(254).WithMessage(_ => Messages.Text("Import_TooLong", 254))
            .Must(c => c is null || c.Length <= 20 || ImportDirectory.LooksLikeEmail(c)).WithMessage(_ => Messages.Text("Import_TooLong", 20)).OverridePropertyName("customer");
    }
}

/// <summary>
/// Writes order lines: an order is a document, keyed by its number. A new number is a new order; a known one whose lines
/// (product, quantity, price, discount, in the file's order) or header (customer, date, channel) differ is replaced; an
/// identical one is left alone. Two rows with the same SKU stay two lines. Lines of one order that come apart in the file
/// (another order between them) are one order too. A row without a customer key is skipped: an order belongs to a customer.
/// </summary>
internal sealed class OrderImport(ImportDirectory directory, ImportSettings settings, TimeProvider clock, int jobId) : IImportWriter
{
    private readonly OrderLineRowValidator _validator = new(clock);
    /// <summary>Orders this run has written already: their lines further down the file are added, not compared.</summary>
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);
    private int? _importedCategory;

    /// <summary>The order number of a row (batches end between orders, never inside one).</summary>
    public string? GroupKey(ImportRow row) => row.Key("order");

    public void Skipped(ImportRow row)
    {
        if (row.Key("order") is { } order) _written.Add(order);
    }

    public async Task WriteAsync(CrmDbContext db, IReadOnlyList<ImportRow> rows, ImportCounts counts, bool dryRun, CancellationToken ct)
    {
        var lines = new List<OrderLineRow>(rows.Count);
        foreach (var row in rows)
        {
            var line = OrderLineRow.Read(row);
            if (!row.IsRejected)
            {
                foreach (var failure in _validator.Validate(line).Errors)
                    row.Reject(failure.PropertyName, FieldValue(row, failure.PropertyName), failure.ErrorMessage);
            }
            if (!row.IsRejected && line.Customer is null) row.Skip(Messages.Text("Import_NoCustomerKey"));
            lines.Add(line);
        }

        var numbers = lines.Where(l => !l.Row.IsRejected && !l.Row.IsSkipped).Select(l => l.Order!).Distinct().ToList();
        // Read for comparing, untracked: on a re-import almost every order is unchanged, and tracking a batch's lines would cost more than the rest.
        var existing = numbers.Count == 0 ? [] : await db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => numbers.Contains(o.OrderNumber)).ToDictionaryAsync(o => o.OrderNumber, ct);
        // An order's lines as they will stand, kept apart from the order: an order with lines in its list would insert them through EF too.
        var linesOf = existing.ToDictionary(p => p.Key, p => p.Value.Lines.OrderBy(l => l.Id).ToList());
        foreach (var order in existing.Values) order.Lines = [];
        if (settings.CreateMissing && !dryRun) _importedCategory ??= await ImportedCategory.EnsureAsync(db, directory, ct);
        var newCustomers = new Dictionary<string, Customer>(StringComparer.OrdinalIgnoreCase);
        var newProducts = new Dictionary<string, Product>(StringComparer.Ordinal);
        // Lines are inserted after their orders have ids, in one prepared statement (EF's tracking made the import three times slower).
        var newLines = new List<(Order Order, List<OrderLine> Lines)>();
        var replaced = new List<int>();

        foreach (var group in lines.Where(l => !l.Row.IsRejected && !l.Row.IsSkipped).GroupBy(l => l.Order!))
        {
            var first = group.First();
            var customerId = directory.Customer(first.Customer!);
            Customer? newCustomer = null;
            if (customerId is null && !newCustomers.TryGetValue(first.Customer!, out newCustomer))
            {
                if (!settings.CreateMissing)
                {
                    foreach (var l in group) l.Row.Reject("customer", l.Customer, Messages.Text("Import_CustomerUnknown", first.Customer!));
                    continue;
                }
                newCustomer = NewCustomer(first);
                newCustomers[first.Customer!] = newCustomer;
                counts.CustomersCreated++;
                if (!dryRun) db.Customers.Add(newCustomer);
            }

            var orderLines = new List<OrderLine>();
            foreach (var l in group)
            {
                if (l.Customer != first.Customer)
                {
                    l.Row.Reject("customer", l.Customer, Messages.Text("Import_OrderCustomerDiffers", l.Order!, first.Customer!, first.Row.Line));
                    continue;
                }
                var line = new OrderLine { Quantity = l.Quantity, UnitPrice = l.UnitPrice!.Value, Discount = l.Discount };
                if (directory.ProductsBySku.TryGetValue(l.Sku!, out var product))
                    (line.ProductId, line.UnitCost) = (product.Id, product.UnitCost);
                else if (newProducts.TryGetValue(l.Sku!, out var created))
                    line.Product = created;
                else if (settings.CreateMissing)
                {
                    created = NewProduct(db, l, dryRun);
                    newProducts[l.Sku!] = created;
                    counts.ProductsCreated++;
                    line.Product = created;
                }
                else
                {
                    l.Row.Reject("sku", l.Sku, Messages.Text("Import_ProductUnknown", l.Sku!));
                    continue;
                }
                orderLines.Add(line);
            }
            if (orderLines.Count == 0) continue;

            var orderedAt = first.OrderedAt!.Value;
            var channel = first.Channel ?? SalesChannel.Online;
            var number = group.Key;
            if (_written.Contains(number) && existing.TryGetValue(number, out var earlier))
            {
                // The rest of an order whose first lines came earlier in this file.
                var all = linesOf[number].Concat(orderLines).ToList();
                earlier.RecalculateTotals(all);
                linesOf[number] = all;
                Update(db, earlier, dryRun);
                newLines.Add((earlier, orderLines));
                counts.OrderLinesCreated += orderLines.Count;
            }
            else if (existing.TryGetValue(number, out var order))
            {
                var sameHeader = newCustomer is null && order.CustomerId == customerId && order.OrderedAt == orderedAt && order.Channel == channel;
                if (sameHeader && SameLines(linesOf[number], orderLines))
                {
                    counts.RowsUnchanged += orderLines.Count;
                    _written.Add(number);
                    continue;
                }
                replaced.Add(order.Id);
                linesOf[number] = orderLines;
                if (newCustomer is not null) order.Customer = newCustomer; else order.CustomerId = customerId!.Value;
                (order.OrderedAt, order.Channel, order.ImportJobId) = (orderedAt, channel, jobId);
                order.RecalculateTotals(orderLines);
                Update(db, order, dryRun);
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
                linesOf[number] = orderLines;
                existing[number] = created;
            }
            _written.Add(number);
        }

        if (dryRun)
        {
            foreach (var key in newCustomers.Keys) Remember(key, ImportDirectory.NotWritten);
            foreach (var sku in newProducts.Keys) directory.ProductsBySku[sku] = (ImportDirectory.NotWritten, 0);
            return;
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
        foreach (var (sku, product) in newProducts) directory.ProductsBySku[sku] = (product.Id, product.UnitCost);
    }

    /// <summary>An order read untracked, now changed: attached so that its header and totals are saved.</summary>
    private static void Update(CrmDbContext db, Order order, bool dryRun)
    {
        if (dryRun || db.Entry(order).State != EntityState.Detached) return;
        db.Orders.Update(order);
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

    private Product NewProduct(CrmDbContext db, OrderLineRow row, bool dryRun)
    {
        var product = new Product
        {
            Sku = row.Sku!, Name = row.ProductName ?? row.Sku!, Brand = "", Price = row.UnitPrice!.Value, UnitCost = 0,
            BenefitEn = "", BenefitDe = "", ImportJobId = jobId,
        };
        if (dryRun) return product;
        product.CategoryId = _importedCategory!.Value;
        db.Products.Add(product);
        return product;
    }

    private static string? FieldValue(ImportRow row, string field) => row.Text(field);
}
