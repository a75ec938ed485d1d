using CrossSellCrm.Domain.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrossSellCrm.Web.Hosting;

/// <summary>Healthy when the database answers and every migration is applied.</summary>
public sealed class DatabaseHealthCheck(DatabaseMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            return await migrator.IsCurrentAsync(ct)
                ? HealthCheckResult.Healthy("Database reachable and migrated.")
                : HealthCheckResult.Unhealthy("Database unreachable or migrations pending.");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("Database check failed.", e);
        }
    }
}
