using System.Globalization;
using CrossSellCrm.Domain.Auditing;
using CrossSellCrm.Domain.Imports;
using CrossSellCrm.Web.Imports;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace CrossSellCrm.Web.Components.Pages.Data;

/// <summary>
/// The import wizard: upload, map, check (a dry run), import. The jobs run in the background (<see cref="ImportWorker"/>);
/// the page follows the job in its address (?job=N), so a reload or another tab shows the same progress.
/// </summary>
public partial class Import
{
    [Inject] private ImportService Imports { get; set; } = default!;
    [Inject] private ImportQueue Queue { get; set; } = default!;
    [Inject] private ImportUploads Uploads { get; set; } = default!;
    [Inject] private ICurrentUser User { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private ILogger<Import> Logger { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "job")] private int? JobParameter { get; set; }

    private readonly ImportWizard _wizard = new();
    private IReadOnlyList<ImportMapping> _mappings = [];
    private ImportJobView? _view;
    private string? _error;
    private bool _uploading;
    private double _uploadPercent;
    private PeriodicTimer? _timer;
    private CancellationTokenSource? _polling;
    private CultureInfo _culture = CultureInfo.CurrentCulture, _uiCulture = CultureInfo.CurrentUICulture;

    protected override async Task OnParametersSetAsync()
    {
        (_culture, _uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        if (JobParameter is { } id && id != _wizard.JobId) await FollowAsync(id);
    }

    private async Task FollowAsync(int id)
    {
        _view = await Imports.ViewAsync(id);
        if (_view is null)
        {
            _error = L["Import_NoSuchJob", id];
            return;
        }
        _wizard.Follow(_view.Job);
        StartPolling();
    }

    private async Task UploadAsync(InputFileChangeEventArgs e)
    {
        _error = null;
        var file = e.File;
        // Refused by its size, before a byte of it crosses the wire.
        if (file.Size > Imports.MaxFileBytes)
        {
            _error = Domain.Localization.Messages.Text("Import_FileTooLarge", file.Size / (1024 * 1024), Imports.MaxFileBytes / (1024 * 1024));
            return;
        }
        var path = Uploads.NewPath();
        _uploading = true;
        try
        {
            await using (var target = File.Create(path))
            await using (var source = file.OpenReadStream(Imports.MaxFileBytes))
            {
                var buffer = new byte[256 * 1024];
                long copied = 0;
                int read;
                while ((read = await source.ReadAsync(buffer)) > 0)
                {
                    await target.WriteAsync(buffer.AsMemory(0, read));
                    copied += read;
                    var percent = 100.0 * copied / Math.Max(1, file.Size);
                    if (percent - _uploadPercent >= 5) { _uploadPercent = percent; StateHasChanged(); }
                }
            }
            var preview = Imports.Preview(path, _wizard.Kind);
            _wizard.Loaded(file.Name, path, preview);
            _mappings = await Imports.MappingsAsync(_wizard.Kind);
        }
        catch (Exception ex) when (ex is ImportFileException or IOException)
        {
            File.Delete(path);
            _error = ex.Message;
        }
        finally
        {
            (_uploading, _uploadPercent) = (false, 0);
        }
    }

    private async Task CheckAsync() => await StartAsync(dryRun: true);

    private async Task ImportValidRowsAsync() => await StartAsync(dryRun: false);

    private async Task StartAsync(bool dryRun)
    {
        _error = null;
        if (_wizard.StoredPath is not { } path || _wizard.FileName is not { } name) return;
        try
        {
            var job = await Imports.CreateOrResumeAsync(path, name, _wizard.Settings(), dryRun, User.Name, storedPath: path);
            Queue.Enqueue(job.Id);
            Navigation.NavigateTo($"data/import?job={job.Id}");
        }
        catch (Exception e) when (e is ValidationException or ImportFileException)
        {
            _error = e.Message;
        }
    }

    private async Task SaveMappingAsync(string name)
    {
        await Imports.SaveMappingAsync(name, _wizard.Settings(), User.Name);
        _mappings = await Imports.MappingsAsync(_wizard.Kind);
        Snackbar.Add(L["Import_MappingSaved", name], MudBlazor.Severity.Success);
    }

    private async Task CancelAsync()
    {
        if (_wizard.JobId is { } id) await Imports.RequestCancelAsync(id);
    }

    private async Task ResumeAsync()
    {
        if (_wizard.JobId is not { } id || !await Imports.QueueAgainAsync(id)) return;
        Queue.Enqueue(id);
        _view = await Imports.ViewAsync(id);
        StartPolling();
    }

    private async Task DiscardAsync()
    {
        if (_wizard.JobId is { } id) await Imports.DiscardAsync(id);
        Restart();
    }

    private void Restart()
    {
        StopPolling();
        (_view, _error) = (null, null);
        _wizard.Restart();
        Navigation.NavigateTo("data/import");
    }

    /// <summary>The job's record, read twice a second while it runs: its batches save their progress there.</summary>
    private void StartPolling()
    {
        StopPolling();
        if (_wizard.JobId is not { } id) return;
        _polling = new CancellationTokenSource();
        _timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        var (timer, ct) = (_timer, _polling.Token);
        _ = Task.Run(async () =>
        {
            try
            {
                while (await timer.WaitForNextTickAsync(ct))
                {
                    var view = await Imports.ViewAsync(id, ct: ct);
                    await InvokeAsync(() =>
                    {
                        // A reply already on its way when the page moved on (another file, another job) is dropped.
                        if (ct.IsCancellationRequested || _wizard.JobId != id) return;
                        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (_culture, _uiCulture);
                        _view = view;
                        StateHasChanged();
                    });
                    // Queued and running jobs are followed; a finished or interrupted one has nothing more to show.
                    if (view is null || view.Job.IsFinished || view.Job.Status == ImportJobStatus.Interrupted) break;
                }
            }
            catch (OperationCanceledException) { /* the page went away */ }
            catch (Exception e)
            {
                Logger.LogWarning(e, "Following import job {Job} failed", _wizard.JobId);
            }
        }, ct);
    }

    private void StopPolling()
    {
        _polling?.Cancel();
        _polling?.Dispose();
        _timer?.Dispose();
        (_polling, _timer) = (null, null);
    }

    public void Dispose() => StopPolling();
}
