using CrossSellCrm.Domain.Persistence;

namespace CrossSellCrm.Domain.Imports;

/// <summary>Writes one kind's rows, a batch at a time, in the caller's transaction.</summary>
internal interface IImportWriter
{
    /// <summary>Rows with the same key belong together (an order's lines): a batch never ends between two of them. Null: any row may end a batch.</summary>
    string? GroupKey(ImportRow row);

    /// <summary>A row a resumed job passes over because an earlier run committed it.</summary>
    void Skipped(ImportRow row) { }

    /// <summary>A resumed job has passed over its committed rows, up to <paramref name="lastLine"/>.</summary>
    void Resumed(long lastLine) { }

    /// <summary>
    /// Reads, validates and writes the rows (each one's problems are added to it), counts what it did; a dry run counts
    /// the same without writing. Returns the rows it settled: a writer may keep rows for a later batch (an order's
    /// lines that come apart in the file) and settle earlier ones with a later batch.
    /// </summary>
    Task<IReadOnlyList<ImportRow>> WriteAsync(CrmDbContext db, IReadOnlyList<ImportRow> rows, ImportCounts counts, bool dryRun, CancellationToken ct);
}
