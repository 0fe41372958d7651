using Receipts.Storage.DuckDb;

namespace Receipts.Server.Dashboard.Snapshots;

/// <summary>Picks the dashboard's view of an opened server store; null when that store cannot serve it yet.</summary>
internal static class DashboardStoreFactory
{
    public static IDashboardStore? For(object usageStore) => usageStore switch
    {
        DuckDbStore duck => new DashboardStore<DuckDbStore>(duck),
        // PostgreSQL has no correction store yet (docs/dashboard.md).
        _ => null,
    };
}
