using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using CrossSellCrm.Domain.Auditing;
using CrossSellCrm.Domain.Changes;
using CrossSellCrm.Domain.Exports;
using CrossSellCrm.Domain.Localization;
using CrossSellCrm.Domain.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Imports;

/// <summary>How far a job is: what the progress bar and the command line show.</summary>
public sealed record ImportProgress(long RowsDone, long BytesDone, long FileBytes, double RowsPerSecond, TimeSpan? Remaining, ImportCounts Counts);

/// <summary>A job and the first of its problems: what the wizard and the list show of it, in one read.</summary>
public sealed record ImportJobView(ImportJob Job, IReadOnlyList<ImportProblem> Problems, int ProblemsKept);

/// <summary>The first rows of a file as the importer reads them, and the mapping it suggests: the wizard's preview.</summary>
public sealed record ImportPreview(CsvDialect Dialect, IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows, string SuggestedCulture,
    IReadOnlyDictionary<string, string> SuggestedMapping);

/// <summary>
/// The import engine behind the wizard and the command line. A job reads its file in batches; each batch — its rows, the
/// job's counts and the rows' problems — is one transaction, so a crash leaves whole batches and the job's record says how
/// far they go; running the job again goes on from there. Nothing follows a dry run but its counts.
/// </summary>
public sealed class ImportService(IDbContextFactory<CrmDbContext> factory, TimeProvider clock, ChangeHub changes)
{
    /// <summary>Rows per batch (one transaction): big enough that a million lines take seconds, small enough that Cancel answers quickly.</summary>
    public const int BatchSize = 5_000;
    /// <summary>Problems kept per job for the report; the counts go on counting past it.</summary>
    public const int MaxProblemsKept = 10_000;
    public const long DefaultMaxFileBytes = 1L << 30;

    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;

    /// <summary>Refuses a file that is missing, empty or over the size limit, before reading a byte of it.</summary>
    /// <exception cref="ImportFileException"/>
    public void CheckFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new ImportFileException(Messages.Text("Import_FileMissing", path));
        if (info.Length == 0) throw new ImportFileException(Messages.Text("Import_FileEmpty"));
        if (info.Length > MaxFileBytes) throw new ImportFileException(Messages.Text("Import_FileTooLarge", info.Length / (1024 * 1024), MaxFileBytes / (1024 * 1024)));
    }

    public ImportPreview Preview(string path, ImportKind kind, int rows = 8)
    {
        CheckFile(path);
        using var csv = CsvFileReader.Open(path);
        var first = new List<string[]>();
        while (first.Count < rows && csv.Read() is { } record) first.Add(record.Fields);
        return new ImportPreview(csv.Dialect, csv.Header, first, ImportCulture.Guess(csv.Dialect.Separator), ImportFields.Suggest(kind, csv.Header));
    }

    /// <summary>The settings checked against the file's header: every problem, in the user's language.</summary>
    public IReadOnlyList<string> Problems(string path, ImportSettings settings)
    {
        using var csv = CsvFileReader.Open(path);
        return new ImportSettingsValidator(csv.Header).Validate(settings).Errors.Select(e => e.ErrorMessage).ToList();
    }

    /// <summary>A new job for the file, or the interrupted one of the same file, kind and settings (run it again to finish it).</summary>
    public async Task<ImportJob> CreateOrResumeAsync(string path, string fileName, ImportSettings settings, bool dryRun, string userName, string? storedPath = null,
        CancellationToken ct = default)
    {
        CheckFile(path);
        var problems = Problems(path, settings);
        if (problems.Count > 0) throw new ValidationException(string.Join(" ", problems), problems.Select(p => new FluentValidation.Results.ValidationFailure("Mapping", p)));
        var hash = await HashAsync(path, ct);
        var json = settings.ToJson();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!dryRun)
        {
            var open = await db.ImportJobs.Where(j => j.FileHash == hash && j.Kind == settings.Kind && !j.DryRun && j.Settings == json
                && (j.Status == ImportJobStatus.Interrupted || j.Status == ImportJobStatus.Running)).OrderByDescending(j => j.Id).ToListAsync(ct);
            if (open.FirstOrDefault(j => j.Status == ImportJobStatus.Interrupted || !ImportRunner.IsAlive(j.Runner)) is { } interrupted)
            {
                // Waiting to be run again: whoever runs it next claims it (ImportRunner), and a page following it keeps following.
                interrupted.Status = ImportJobStatus.Queued;
                if (storedPath is not null && storedPath != interrupted.StoredPath)
                {
                    if (interrupted.StoredPath is { } earlier) File.Delete(earlier); // the same file uploaded again: one copy is enough
                    interrupted.StoredPath = storedPath;
                }
                await db.SaveChangesAsync(ct);
                return interrupted;
            }
        }
        var job = new ImportJob
        {
            Kind = settings.Kind, DryRun = dryRun, UserName = userName, FileName = Path.GetFileName(fileName), FileHash = hash,
            FileBytes = new FileInfo(path).Length, StoredPath = storedPath, Settings = json, CreatedAt = clock.GetUtcNow().UtcDateTime,
            Status = ImportJobStatus.Queued, Language = Messages.Language,
        };
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(ct);
        return job;
    }

    public async Task<ImportJob?> FindAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
    }

    public async Task<ImportJobView?> ViewAsync(int id, int problems = 200, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var job = await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
        if (job is null) return null;
        Seen(job);
        var first = await db.ImportProblems.AsNoTracking().Where(p => p.JobId == id).OrderBy(p => p.Id).Take(problems).ToListAsync(ct);
        var kept = first.Count < problems ? first.Count : await db.ImportProblems.CountAsync(p => p.JobId == id, ct);
        return new ImportJobView(job, first, kept);
    }

    public async Task<IReadOnlyList<ImportJob>> RecentAsync(int count = 50, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var jobs = await db.ImportJobs.AsNoTracking().OrderByDescending(j => j.Id).Take(count).ToListAsync(ct);
        foreach (var job in jobs) Seen(job);
        return jobs;
    }

    /// <summary>A job left "running" by a process that is gone (killed, crashed) is shown as what it is: interrupted.</summary>
    private static void Seen(ImportJob job)
    {
        if (job.Status == ImportJobStatus.Running && !ImportRunner.IsAlive(job.Runner)) job.Status = ImportJobStatus.Interrupted;
    }

    public async Task<IReadOnlyList<ImportProblem>> ProblemsAsync(int jobId, int take = 200, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ImportProblems.AsNoTracking().Where(p => p.JobId == jobId).OrderBy(p => p.Id).Take(take).ToListAsync(ct);
    }

    /// <summary>The error report: every kept problem as CSV (line, outcome, column, value, message), in the file's language.</summary>
    public async Task WriteReportAsync(int jobId, TextWriter output, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await output.WriteAsync(Csv.Row("line", "outcome", "column", "value", "message") + "\r\n");
        await foreach (var p in db.ImportProblems.AsNoTracking().Where(p => p.JobId == jobId).OrderBy(p => p.Id).AsAsyncEnumerable().WithCancellation(ct))
            await output.WriteAsync(Csv.Row(Csv.Number(p.Line), p.Outcome.ToString().ToLowerInvariant(), Csv.Text(p.Column), Csv.Text(p.Value), Csv.Text(p.Message)) + "\r\n");
    }

    /// <summary>An interrupted job of the wizard, queued to run again (the worker claims it).</summary>
    public async Task<bool> QueueAgainAsync(int jobId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var job = await db.ImportJobs.FirstOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null || job.StoredPath is null) return false;
        if (job.Status == ImportJobStatus.Running && ImportRunner.IsAlive(job.Runner)) return false;
        if (job.Status is not (ImportJobStatus.Interrupted or ImportJobStatus.Running)) return false;
        job.Status = ImportJobStatus.Queued;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Deletes the uploads nothing will read any more — of finished jobs, and of dry runs nobody acted on for a day — so that
    /// a file with personal data does not stay on the disk after its job (an erasure cannot reach into it).
    /// </summary>
    public async Task<int> CleanUpUploadsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var dayAgo = clock.GetUtcNow().UtcDateTime.AddDays(-1);
        var jobs = await db.ImportJobs.Where(j => j.StoredPath != null).ToListAsync(ct);
        var keep = jobs.Where(j => !(j.IsFinished && !j.DryRun) && !(j.DryRun && (j.FinishedAt ?? j.CreatedAt) < dayAgo)).Select(j => j.StoredPath!).ToHashSet();
        var removed = 0;
        foreach (var job in jobs.Where(j => !keep.Contains(j.StoredPath!) && (j.IsFinished || j.DryRun)))
        {
            if (File.Exists(job.StoredPath)) { File.Delete(job.StoredPath!); removed++; }
            job.StoredPath = null;
        }
        await db.SaveChangesAsync(ct);
        return removed;
    }

    /// <summary>Asks a running job to stop at its next batch boundary.</summary>
    public async Task RequestCancelAsync(int jobId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.ImportJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.CancelRequested, true), ct);
    }

    /// <summary>"Import nothing": a dry run's job is set aside; its stored file goes.</summary>
    public async Task DiscardAsync(int jobId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var job = await db.ImportJobs.FirstOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null || job.Status == ImportJobStatus.Running) return;
        if (job.StoredPath is { } stored && !await db.ImportJobs.AnyAsync(j => j.Id != jobId && j.StoredPath == stored && !j.DryRun && j.Status != ImportJobStatus.Done, ct))
            File.Delete(stored);
        job.Status = ImportJobStatus.Discarded;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Marks the jobs of runners that are gone (this machine's dead processes) as interrupted: what the list shows after a crash.</summary>
    public async Task<int> MarkInterruptedAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var running = await db.ImportJobs.Where(j => j.Status == ImportJobStatus.Running || j.Status == ImportJobStatus.Queued).ToListAsync(ct);
        var gone = running.Where(j => j.Status == ImportJobStatus.Running && !ImportRunner.IsAlive(j.Runner)).ToList();
        foreach (var job in gone) job.Status = ImportJobStatus.Interrupted;
        await db.SaveChangesAsync(ct);
        return gone.Count;
    }

    /// <summary>Runs (or resumes) a job to its end, a cancel, or a failure; returns the job as it ended.</summary>
    public async Task<ImportJob> RunAsync(int jobId, string path, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var job = await new ImportRunner(factory, clock, jobId, path, progress).RunAsync(ct);
        if (job.Status == ImportJobStatus.Done && !job.DryRun) changes.Publish(new DataImported(job.Kind, job.Id));
        return job;
    }

    public async Task SaveMappingAsync(string name, ImportSettings settings, string userName, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var mapping = await db.ImportMappings.FirstOrDefaultAsync(m => m.Name == name && m.Kind == settings.Kind, ct);
        if (mapping is null) db.ImportMappings.Add(mapping = new ImportMapping { Name = name, Kind = settings.Kind, Settings = "", SavedBy = userName });
        (mapping.Settings, mapping.SavedAt, mapping.SavedBy) = (settings.ToJson(), clock.GetUtcNow().UtcDateTime, userName);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<ImportMapping>> MappingsAsync(ImportKind? kind = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ImportMappings.AsNoTracking().Where(m => kind == null || m.Kind == kind).OrderBy(m => m.Name).ToListAsync(ct);
    }

    public static async Task<string> HashAsync(string path, CancellationToken ct = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexString(await SHA256.HashDataAsync(stream, ct)).ToLowerInvariant();
    }
}

/// <summary>A job's run: reads the file, hands each batch to the kind's writer, commits the batch with the job's record.</summary>
internal sealed class ImportRunner(IDbContextFactory<CrmDbContext> factory, TimeProvider clock, int jobId, string path, IProgress<ImportProgress>? progress)
{
    /// <summary>This process: machine, process id and its start time (a container restarted with the same id is another process).</summary>
    private static readonly string Self = $"{Environment.MachineName}:{Environment.ProcessId}:{StartTicks(Environment.ProcessId)}";

    /// <summary>Whether the process that runs a job is still there (a job of another machine counts as alive).</summary>
    public static bool IsAlive(string? runner)
    {
        if (runner is null) return false;
        if (runner == Self) return true;
        var parts = runner.Split(':');
        if (parts.Length != 3) return false;
        if (parts[0] != Environment.MachineName) return true;
        return int.TryParse(parts[1], out var pid) && pid != Environment.ProcessId && StartTicks(pid) is { } started && started.ToString() == parts[2];
    }

    private static long? StartTicks(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : process.StartTime.ToUniversalTime().Ticks;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    public async Task<ImportJob> RunAsync(CancellationToken ct)
    {
        ImportJob job;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            job = await db.ImportJobs.FirstAsync(j => j.Id == jobId, ct);
            if (job.IsFinished) return job;
            if (job.CancelRequested && job.Status == ImportJobStatus.Queued)
            {
                (job.Status, job.FinishedAt) = (ImportJobStatus.Cancelled, clock.GetUtcNow().UtcDateTime); // cancelled before it began
                await db.SaveChangesAsync(ct);
                return job;
            }
            // Claimed in one statement: of two processes that want to run the same job, one gets it and the other leaves it.
            var claimed = await db.ImportJobs.Where(j => j.Id == jobId && (j.Status == ImportJobStatus.Queued || j.Status == ImportJobStatus.Interrupted))
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportJobStatus.Running).SetProperty(j => j.Runner, Self)
                    .SetProperty(j => j.StartedAt, j => j.StartedAt ?? clock.GetUtcNow().UtcDateTime).SetProperty(j => j.CancelRequested, false), ct);
            await db.Entry(job).ReloadAsync(ct);
            if (claimed == 0) return job;
        }
        var settings = ImportSettings.FromJson(job.Settings);
        var watch = Stopwatch.StartNew();
        var secondsBefore = job.Seconds;
        var rowsAtStart = job.RowsDone;
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            using var csv = CsvFileReader.Open(stream);
            var problems = new ImportSettingsValidator(csv.Header).Validate(settings).Errors;
            if (problems.Count > 0) throw new ImportFileException(string.Join(" ", problems.Select(p => p.ErrorMessage)));
            var culture = new ImportCulture(settings.Culture, settings.DateFormat);
            var map = new ColumnMap(csv.Header, settings.Mapping, csv.Dialect.Separator);
            ImportDirectory directory;
            await using (var db = await factory.CreateDbContextAsync(ct)) directory = await ImportDirectory.LoadAsync(db, settings.Kind, ct);
            IImportWriter writer = settings.Kind switch
            {
                ImportKind.Customers => new CustomerImport(directory, clock, job.Id, job.UserName),
                ImportKind.Products => new ProductImport(directory, job.Id),
                ImportKind.Relations => new RelationImport(directory, clock, job.Id),
                ImportKind.Subscriptions => new SubscriptionImport(directory, job.Id),
                ImportKind.Offers => new OfferImport(directory, clock, job.Id),
                _ => new OrderImport(directory, settings, clock, job.Id, await Task.Run(() => OrderImport.ScanSplitOrders(path, settings), ct)),
            };
            var lastSkipped = 1L;
            for (var done = 0L; done < job.RowsDone && csv.Read() is { } skipped; done++)
            {
                writer.Skipped(new ImportRow(skipped, map, culture));
                lastSkipped = skipped.Line;
            }
            writer.Resumed(lastSkipped);

            var problemsKept = await CountProblemsAsync(ct);
            ImportRow? pending = null;
            var grouped = settings.Kind == ImportKind.Orders;
            while (true)
            {
                // A user's Cancel ends the job; a stopped process (Ctrl-C, shutdown) leaves it to be finished by running it again.
                if (ct.IsCancellationRequested) return await FinishAsync(ImportJobStatus.Interrupted, null);
                if (await CancelRequestedAsync()) return await FinishAsync(ImportJobStatus.Cancelled, null);
                var batch = new List<ImportRow>(ImportService.BatchSize + 16);
                string? lastKey = null;
                if (pending is not null) { batch.Add(pending); lastKey = writer.GroupKey(pending); pending = null; }
                while (csv.Read() is { } record)
                {
                    var row = new ImportRow(record, map, culture);
                    var key = writer.GroupKey(row);
                    // An order's lines stay in one batch: the batch may run past its size to the order's end. A row without a
                    // key (rejected anyway) belongs to no order and ends none: the order around it goes on.
                    if (batch.Count >= ImportService.BatchSize && (!grouped || (key is not null && key != lastKey)))
                    {
                        pending = row;
                        break;
                    }
                    batch.Add(row);
                    lastKey = key ?? lastKey;
                }
                if (batch.Count == 0) break;
                problemsKept = await CommitBatchAsync(writer, batch, settings.Kind, job.DryRun, stream.Position, problemsKept, watch, secondsBefore, rowsAtStart);
            }
            return await FinishAsync(ImportJobStatus.Done, null);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return await FinishAsync(ImportJobStatus.Interrupted, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever went wrong, the batch it happened in was rolled back, and the job says why instead of staying "running".
            return await FinishAsync(ImportJobStatus.Failed, e is DbUpdateException { InnerException: { } inner } ? inner.Message : e.Message);
        }

        async Task<ImportJob> FinishAsync(ImportJobStatus status, string? failure)
        {
            await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
            var record = await db.ImportJobs.FirstAsync(j => j.Id == jobId);
            (record.Status, record.Failure, record.Seconds) = (status, failure, secondsBefore + watch.Elapsed.TotalSeconds);
            if (status != ImportJobStatus.Interrupted) record.FinishedAt = clock.GetUtcNow().UtcDateTime;
            if (status == ImportJobStatus.Done && !record.DryRun)
            {
                // One audit entry for the job, not one per row: the rows it touched carry its id.
                db.AuditEntries.Add(new AuditEntry
                {
                    At = clock.GetUtcNow().UtcDateTime, UserName = record.UserName, EntityType = nameof(ImportJob), EntityId = record.Id.ToString(),
                    Action = AuditAction.Created,
                    Changes = JsonSerializer.Serialize(new { record.FileName, record.FileHash, Kind = record.Kind.Name(), record.RowsDone, record.Counts }),
                });
                if (record.StoredPath is { } stored && File.Exists(stored)) File.Delete(stored);
            }
            await db.SaveChangesAsync(CancellationToken.None);
            return record;
        }
    }

    private async Task<int> CountProblemsAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ImportProblems.CountAsync(p => p.JobId == jobId, ct);
    }

    private async Task<bool> CancelRequestedAsync()
    {
        await using var db = await factory.CreateDbContextAsync();
        return await db.ImportJobs.Where(j => j.Id == jobId).Select(j => j.CancelRequested).FirstAsync();
    }

    /// <summary>The batch's rows, the job's counts and the rows' problems, in one transaction; not cancellable inside, so it is whole.</summary>
    private async Task<int> CommitBatchAsync(IImportWriter writer, List<ImportRow> batch, ImportKind kind, bool dryRun, long bytes, int problemsKept,
        Stopwatch watch, double secondsBefore, long rowsAtStart)
    {
        await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
        db.AuditsEachChange = false;
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var counts = new ImportCounts();
        var settled = await writer.WriteAsync(db, batch, counts, dryRun, CancellationToken.None);
        // A dry run's writer changed tracked records to compare them; none of that is saved with the job's counts.
        if (dryRun) db.ChangeTracker.Clear();
        foreach (var row in settled)
        {
            if (row.IsRejected) counts.RowsRejected++;
            else if (row.IsSkipped) counts.RowsSkipped++;
            foreach (var problem in row.Problems)
            {
                if (problemsKept >= ImportService.MaxProblemsKept) break;
                db.ImportProblems.Add(new ImportProblem
                {
                    JobId = jobId, Line = row.Line, Outcome = problem.Outcome, Column = Clip(problem.Column, 200), Value = Clip(problem.Value, 200), Message = Clip(problem.Message, 1000)!,
                });
                problemsKept++;
            }
        }
        var job = await db.ImportJobs.FirstAsync(j => j.Id == jobId);
        job.Counts.Add(counts);
        job.RowsDone += batch.Count;
        job.BytesDone = Math.Min(bytes, job.FileBytes);
        job.Seconds = secondsBefore + watch.Elapsed.TotalSeconds;
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);

        var rate = (job.RowsDone - rowsAtStart) / Math.Max(watch.Elapsed.TotalSeconds, 0.001);
        var bytesRate = Math.Max(job.BytesDone, 1) / Math.Max(job.Seconds, 0.001);
        TimeSpan? remaining = job.BytesDone > 0 ? TimeSpan.FromSeconds((job.FileBytes - job.BytesDone) / bytesRate) : null;
        progress?.Report(new ImportProgress(job.RowsDone, job.BytesDone, job.FileBytes, rate, remaining, job.Counts));
        return problemsKept;
    }

    private static string? Clip(string? text, int length) => text is null || text.Length <= length ? text : text[..length] + "…";
}
