using System.Threading.Channels;

namespace CrossSellCrm.Web.Hosting;

/// <summary>
/// Wakes a background worker: now (someone asked), or once data changes have settled (many changes in
/// the settle time make one run). Requests made while the worker runs fold into one.
/// </summary>
public abstract class WorkTrigger(Func<TimeSpan> settleTime)
{
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private int _settling;

    public void RequestNow() => _requests.Writer.TryWrite(true);

    /// <summary>Data was written (e.g. an accepted offer's order): run once the changes have settled, not on every one.</summary>
    public void DataChanged()
    {
        if (Interlocked.Exchange(ref _settling, 1) == 1) return;
        _ = Task.Delay(settleTime()).ContinueWith(_ =>
        {
            Volatile.Write(ref _settling, 0);
            RequestNow();
        }, TaskScheduler.Default);
    }

    /// <summary>Waits for a request or until <paramref name="timeout"/> has passed.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        try { await _requests.Reader.ReadAsync(timer.Token); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { /* interval passed */ }
    }
}
