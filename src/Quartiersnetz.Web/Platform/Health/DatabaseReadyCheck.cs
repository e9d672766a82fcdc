using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartiersnetz.Data;

namespace Quartiersnetz.Platform.Health;

/// <summary>Ready means: the database answers and every migration of this build is applied.</summary>
internal sealed class DatabaseReadyCheck(QuartiersnetzDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("database not reachable");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("database reachable, migrations applied")
                : HealthCheckResult.Unhealthy($"{pending.Count} migrations pending");
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("database not reachable", ex);
        }
    }
}
