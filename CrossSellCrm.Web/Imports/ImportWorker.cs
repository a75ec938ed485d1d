using System.Threading.Channels;
using CrossSellCrm.Domain.Imports;
using CrossSellCrm.Web.Hosting;

namespace CrossSellCrm.Web.Imports;

/// <summary>
/// The jobs the wizard started, run one at a time off the request path. A job's progress is in its record (saved with
/// each batch), so a page reload, another tab or another instance sees it; the queue only wakes the worker.
/// </summary>
public sealed class ImportQueue
{
    private readonly Channel<int> _jobs = Channel.CreateUnbounded<int>();

    public void Enqueue(int jobId) => _jobs.Writer.TryWrite(jobId);

    public IAsyncEnumerable<int> ReadAllAsync(CancellationToken ct) => _jobs.Reader.ReadAllAsync(ct);
}

/// <summary>Where uploaded files wait for their jobs ("Imports:Folder", by default data/imports next to the database).</summary>
public sealed class ImportUploads(IConfiguration configuration, IWebHostEnvironment environment)
{
    public string Folder => Path.GetFullPath(Path.Combine(environment.ContentRootPath, configuration["Imports:Folder"] ?? "data/imports"));

    /// <summary>A new file for an upload: its name is random, the user's file name stays in the job record only.</summary>
    public string NewPath()
    {
        Directory.CreateDirectory(Folder);
        return Path.Combine(Folder, $"{Guid.NewGuid():N}.csv");
    }
}

/// <summary>
/// Runs queued import jobs. At start, jobs whose process died are marked interrupted (the list shows them, and "Resume"
/// queues them again); on shutdown the running job stops at a batch boundary and stays interrupted.
/// </summary>
public sealed class ImportWorker(IServiceScopeFactory scopes, ImportQueue queue, IHostApplicationLifetime lifetime, ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await lifetime.WaitForStartAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var imports = scope.ServiceProvider.GetRequiredService<ImportService>();
            var interrupted = await imports.MarkInterruptedAsync(ct);
            if (interrupted > 0) logger.LogWarning("{Count} import job(s) were interrupted by a stop of the app; resume them on the import page", interrupted);
            await imports.CleanUpUploadsAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Looking for interrupted import jobs failed");
        }

        await foreach (var jobId in queue.ReadAllAsync(ct))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var imports = scope.ServiceProvider.GetRequiredService<ImportService>();
                var job = await imports.FindAsync(jobId, ct);
                if (job?.StoredPath is not { } path || job.IsFinished) continue;
                // The error report speaks the language of the user who started the import.
                var culture = System.Globalization.CultureInfo.GetCultureInfo(job.Language == "de" ? "de-DE" : "en-US");
                (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = (culture, culture);
                var finished = await imports.RunAsync(jobId, path, ct: ct);
                logger.LogInformation("Import #{Job} ({Kind}, {File}) ended {Status}: {Rows} rows in {Seconds:F1} s",
                    jobId, finished.Kind, finished.FileName, finished.Status, finished.RowsDone, finished.Seconds);
                await imports.CleanUpUploadsAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Import #{Job} failed", jobId);
            }
        }
    }
}
