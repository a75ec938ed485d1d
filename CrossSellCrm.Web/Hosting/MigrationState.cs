namespace CrossSellCrm.Web.Hosting;

/// <summary>
/// Whether the migrations are known to be applied. They change only when the app starts (the start applies them), so
/// once that is done the health check need not read and compare them on every poll of a load balancer.
/// </summary>
public sealed class MigrationState
{
    private volatile bool _current;

    public bool IsKnownCurrent => _current;

    public void MarkCurrent() => _current = true;
}
