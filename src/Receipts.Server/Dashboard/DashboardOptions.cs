using Receipts.Domain.Directory;

namespace Receipts.Server.Dashboard;

/// <summary>How the dashboard at <c>/</c> computes and serves its numbers. <c>receipts serve</c> sets these.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>
    /// Reads the directory (<c>receipts.yaml</c>) afresh for every snapshot, so an edited file shows on the next
    /// one. Default: an empty directory (every dollar unattributed, no teams).
    /// </summary>
    public Func<CancellationToken, Task<DirectoryConfig>> LoadDirectory { get; set; } = _ => Task.FromResult(new DirectoryConfig());

    /// <summary>How often the snapshot is recomputed in the background. Default: 5 minutes.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// ISO weeks the snapshot holds, ending with the current week. Default: 27 (this quarter and the whole
    /// previous one, for the headline's quarter-over-quarter line). The period filter picks inside these.
    /// </summary>
    public int Weeks { get; set; } = 27;

    /// <summary>The reporting zone for ISO weeks; null: the directory's <c>timezone:</c>, else UTC.</summary>
    public TimeZoneInfo? Zone { get; set; }

    /// <summary>
    /// False: no snapshot is computed and the pages say the dashboard is off (<c>receipts serve --no-dashboard</c>,
    /// for a collector-only process). Default: true.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long the login cookie lasts. Default: 12 hours.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);
}
