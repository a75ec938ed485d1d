using System.Diagnostics;

namespace CrossSellCrm.Benchmarks;

/// <summary>The process's largest working set while some work runs, sampled every 20 ms (after a full, compacting collection).</summary>
public sealed class PeakWorkingSet : IAsyncDisposable
{
    private readonly Process _process = Process.GetCurrentProcess();
    private readonly CancellationTokenSource _done = new();
    private readonly Task _sampler;
    private long _peak;

    private PeakWorkingSet() => _sampler = Task.Run(async () =>
    {
        while (!_done.IsCancellationRequested) { _process.Refresh(); _peak = Math.Max(_peak, _process.WorkingSet64); await Task.Delay(20); }
    });

    public static PeakWorkingSet Start()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return new PeakWorkingSet();
    }

    /// <summary>Stops sampling; the peak in MB.</summary>
    public async Task<double> StopAsync()
    {
        await _done.CancelAsync();
        await _sampler;
        return _peak / (1024.0 * 1024);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_done.IsCancellationRequested) await StopAsync();
        _done.Dispose();
        _process.Dispose();
    }
}
