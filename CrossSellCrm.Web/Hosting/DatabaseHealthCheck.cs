using CrossSellCrm.Domain.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrossSellCrm.Web.Hosting;

/// <summary>
/// Healthy when the database answers and every migration is applied. Cheap enough for a load balancer to poll: the
/// migrations are compared once (the start applies them, see <see cref="MigrationState"/>), then each poll is one small read.
/// </summary>
public sealed class DatabaseHealthCheck(MigrationState migrations, DatabaseMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            if (!migrations.IsKnownCurrent)
            {
                if (!await migrator.IsCurrentAsync(ct)) return HealthCheckResult.Unhealthy("Database unreachable or migrations pending.");
                migrations.MarkCurrent();
            }
            return await migrator.AnswersAsync(ct)
                ? HealthCheckResult.Healthy("Database reachable and migrated.")
                : HealthCheckResult.Unhealthy("Database answers, but holds no migrations.");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("Database check failed.", e);
        }
    }
}
