using CrossSellCrm.Domain.Campaigns;
using CrossSellCrm.Web.Localization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using ValidationException = FluentValidation.ValidationException;

namespace CrossSellCrm.Web.Components.Pages.Campaigns;

/// <summary>
/// A campaign: schedule or send it now, watch it go out (progress read from the stored sends every second while it is being
/// sent, so another tab or instance sees the same), and its results — per offer, against the holdout.
/// </summary>
public partial class CampaignPage
{
    [Parameter] public int Id { get; set; }
    [Inject] private CampaignService Campaigns { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private CampaignView? _view;
    private bool _notFound, _busy;
    private string? _error;
    private DateTime _sendAt = DateTime.Now.AddHours(1);
    private PeriodicTimer? _timer;
    private readonly CancellationTokenSource _stop = new();

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        var next = DateTime.Now.AddHours(1);
        _sendAt = new DateTime(next.Year, next.Month, next.Day, next.Hour, 0, 0, DateTimeKind.Local);
        _timer ??= StartWatching();
    }

    private async Task LoadAsync()
    {
        _view = await Campaigns.ViewAsync(Id, Cultures.Language);
        _notFound = _view is null;
    }

    /// <summary>
    /// While the campaign is being sent, its page follows it every second; while it waits for its time, every 15 s (it may be
    /// days away). Drafts, sent and cancelled campaigns are not polled.
    /// </summary>
    private PeriodicTimer StartWatching()
    {
        var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        _ = Task.Run(async () =>
        {
            try
            {
                for (var tick = 1; await timer.WaitForNextTickAsync(_stop.Token); tick++)
                    if (_view?.Campaign.Status is CampaignStatus.Preparing or CampaignStatus.Sending
                        || _view?.Campaign.Status == CampaignStatus.Scheduled && tick % 15 == 0)
                        await InvokeAsync(async () => { await LoadAsync(); StateHasChanged(); });
            }
            catch (OperationCanceledException) { /* the page closed */ }
            catch (ObjectDisposedException) { /* the circuit went away */ }
        });
        return timer;
    }

    private Task SendNowAsync() => ChangeAsync(() => Campaigns.ScheduleAsync(Id, DateTime.UtcNow, Navigation.BaseUri));

    private Task ScheduleAsync() => ChangeAsync(() => Campaigns.ScheduleAsync(Id, DateTime.SpecifyKind(_sendAt, DateTimeKind.Local).ToUniversalTime(), Navigation.BaseUri));

    private async Task CancelAsync()
    {
        var sure = await Dialogs.ShowMessageBoxAsync(L["Campaign_CancelTitle"], L["Campaign_CancelText"], yesText: L["Campaign_Cancel"], cancelText: L["Campaign_Keep"]);
        if (sure == true) await ChangeAsync(() => Campaigns.CancelAsync(Id));
    }

    private async Task ChangeAsync(Func<Task> change)
    {
        _busy = true;
        _error = null;
        try
        {
            await change();
            await LoadAsync();
        }
        catch (ValidationException e) { _error = string.Join(" ", e.Errors.Select(x => x.ErrorMessage)); }
        finally { _busy = false; }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _timer?.Dispose();
        _stop.Dispose();
    }
}
