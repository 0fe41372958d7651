using Receipts.Storage.DuckDb;
using Receipts.Storage.Postgres;

namespace Receipts.Server.Dashboard.Snapshots;

/// <summary>Picks the dashboard's view of an opened server store; null when that store cannot serve it.</summary>
internal static class DashboardStoreFactory
{
    public static IDashboardStore? For(object usageStore) => usageStore switch
    {
        DuckDbStore duck => new DuckDbDashboardStore(duck),
        PostgresStore postgres => new DashboardStore<PostgresStore>(postgres),
        _ => null,
    };
}
