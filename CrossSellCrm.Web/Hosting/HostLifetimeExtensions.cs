namespace CrossSellCrm.Web.Hosting;

public static class HostLifetimeExtensions
{
    /// <summary>Background workers start their work once the host is up: the database is migrated and seeded by then.</summary>
    public static async Task WaitForStartAsync(this IHostApplicationLifetime lifetime, CancellationToken ct)
    {
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(ct);
    }
}
