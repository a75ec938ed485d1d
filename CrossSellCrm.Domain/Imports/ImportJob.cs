namespace CrossSellCrm.Domain.Imports;

/// <summary>
/// One import of one file: who, when, what, how it was mapped, how far it got and what it did. The counts and
/// <see cref="RowsDone"/> are saved in each batch's transaction, so after a crash they describe exactly the
/// batches that are in the database, and running the job again goes on from there.
/// </summary>
public sealed class ImportJob
{
    public int Id { get; set; }
    public ImportKind Kind { get; set; }
    public ImportJobStatus Status { get; set; }
    public bool DryRun { get; set; }
    public required string UserName { get; set; }
    public required string FileName { get; set; }
    /// <summary>SHA-256 of the file, hex: the same file run again resumes its interrupted job instead of starting over.</summary>
    public required string FileHash { get; set; }
    public long FileBytes { get; set; }
    /// <summary>Where the app keeps an uploaded file until its job is done (the command line reads the user's own file).</summary>
    public string? StoredPath { get; set; }
    /// <summary>The <see cref="ImportSettings"/> as JSON: mapping, culture, date format, whether missing records are created.</summary>
    public required string Settings { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>Seconds spent importing, over all runs of the job.</summary>
    public double Seconds { get; set; }
    /// <summary>Bytes of the file read by the last committed batch: the progress bar's measure (rows are not known before the end).</summary>
    public long BytesDone { get; set; }
    /// <summary>Data rows (records after the header) in the committed batches.</summary>
    public long RowsDone { get; set; }
    public ImportCounts Counts { get; set; } = new();
    /// <summary>Why the job failed, for a failed job.</summary>
    public string? Failure { get; set; }
    /// <summary>The process that runs the job ("machine:pid"): a running job whose process is gone was interrupted.</summary>
    public string? Runner { get; set; }
    /// <summary>Set by a user's Cancel: the worker stops at the next batch boundary.</summary>
    public bool CancelRequested { get; set; }
    /// <summary>The error report's language: the importing user's at the time of the import.</summary>
    public string Language { get; set; } = "en";

    public bool IsFinished => Status is ImportJobStatus.Done or ImportJobStatus.Cancelled or ImportJobStatus.Failed or ImportJobStatus.Discarded;
}

public enum ImportJobStatus { Queued, Running, Done, Cancelled, Interrupted, Failed, Discarded }

/// <summary>What a job created, changed and left: the command line prints one line per count.</summary>
public sealed class ImportCounts
{
    public long CustomersCreated { get; set; }
    public long CustomersUpdated { get; set; }
    public long ProductsCreated { get; set; }
    public long ProductsUpdated { get; set; }
    public long RelationsCreated { get; set; }
    public long RelationsUpdated { get; set; }
    public long OrdersCreated { get; set; }
    public long OrdersUpdated { get; set; }
    public long OrderLinesCreated { get; set; }
    public long SubscriptionsCreated { get; set; }
    public long SubscriptionsUpdated { get; set; }
    public long OffersCreated { get; set; }
    public long OffersUpdated { get; set; }
    public long RowsUnchanged { get; set; }
    public long RowsSkipped { get; set; }
    public long RowsRejected { get; set; }
    /// <summary>Rows whose key an earlier row of the same file had: the later row wins; reported, not rejected.</summary>
    public long RowsDuplicate { get; set; }

    public void Add(ImportCounts other)
    {
        CustomersCreated += other.CustomersCreated; CustomersUpdated += other.CustomersUpdated;
        ProductsCreated += other.ProductsCreated; ProductsUpdated += other.ProductsUpdated;
        RelationsCreated += other.RelationsCreated; RelationsUpdated += other.RelationsUpdated;
        OrdersCreated += other.OrdersCreated; OrdersUpdated += other.OrdersUpdated; OrderLinesCreated += other.OrderLinesCreated;
        SubscriptionsCreated += other.SubscriptionsCreated; SubscriptionsUpdated += other.SubscriptionsUpdated;
        OffersCreated += other.OffersCreated; OffersUpdated += other.OffersUpdated;
        RowsUnchanged += other.RowsUnchanged; RowsSkipped += other.RowsSkipped; RowsRejected += other.RowsRejected; RowsDuplicate += other.RowsDuplicate;
    }

    /// <summary>
    /// The counts that matter for a kind, in the order they are told: the one list the command line prints ("customers
    /// created: 4") and the wizard and the list of past imports show. <c>Key</c> names a count for the pages' texts.
    /// </summary>
    public IEnumerable<(string Key, string Label, long Count)> For(ImportKind kind)
    {
        if (kind is ImportKind.Customers or ImportKind.Orders)
        {
            yield return ("CreateCustomers", "customers created", CustomersCreated);
            yield return ("UpdateCustomers", "customers updated", CustomersUpdated);
        }
        if (kind is ImportKind.Products or ImportKind.Orders) yield return ("CreateProducts", "products created", ProductsCreated);
        if (kind is ImportKind.Products) yield return ("UpdateProducts", "products updated", ProductsUpdated);
        if (kind is ImportKind.Relations)
        {
            yield return ("CreateRelations", "relations created", RelationsCreated);
            yield return ("UpdateRelations", "relations updated", RelationsUpdated);
        }
        if (kind is ImportKind.Orders)
        {
            yield return ("CreateOrders", "orders created", OrdersCreated);
            yield return ("UpdateOrders", "orders updated", OrdersUpdated);
            yield return ("CreateLines", "order lines created", OrderLinesCreated);
        }
        if (kind is ImportKind.Subscriptions)
        {
            yield return ("CreateSubscriptions", "subscriptions created", SubscriptionsCreated);
            yield return ("UpdateSubscriptions", "subscriptions updated", SubscriptionsUpdated);
        }
        if (kind is ImportKind.Offers)
        {
            yield return ("CreateOffers", "offers created", OffersCreated);
            yield return ("UpdateOffers", "offers updated", OffersUpdated);
        }
        yield return ("Unchanged", "rows unchanged", RowsUnchanged);
        yield return ("Skipped", "rows skipped", RowsSkipped);
        yield return ("Rejected", "rows rejected", RowsRejected);
        yield return ("Duplicate", "rows duplicate", RowsDuplicate);
    }

    /// <summary>Records a job created or changed (order lines not counted apart from their orders).</summary>
    public long Written(ImportKind kind) =>
        For(kind).Where(c => c.Key.StartsWith("Create", StringComparison.Ordinal) || c.Key.StartsWith("Update", StringComparison.Ordinal))
            .Where(c => c.Key != "CreateLines").Sum(c => c.Count);
}

/// <summary>A row the import skipped or rejected, or a duplicate it reported: what the error report lists.</summary>
public sealed class ImportProblem
{
    public long Id { get; set; }
    public int JobId { get; set; }
    /// <summary>The line of the file where the row starts (the header is line 1).</summary>
    public long Line { get; set; }
    public ImportOutcome Outcome { get; set; }
    /// <summary>The file's column (its header), when the problem is in one.</summary>
    public string? Column { get; set; }
    public string? Value { get; set; }
    public required string Message { get; set; }
}

public enum ImportOutcome { Rejected, Skipped, Duplicate }

/// <summary>A named mapping, saved for next month's file of the same kind.</summary>
public sealed class ImportMapping
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public ImportKind Kind { get; set; }
    /// <summary>The <see cref="ImportSettings"/> as JSON.</summary>
    public required string Settings { get; set; }
    public DateTime SavedAt { get; set; }
    public required string SavedBy { get; set; }
}
