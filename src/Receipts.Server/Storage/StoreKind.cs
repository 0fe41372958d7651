namespace Receipts.Server.Storage;

public enum StoreKind
{
    /// <summary>The embedded DuckDB file: one server process.</summary>
    DuckDb = 0,

    /// <summary>PostgreSQL: a store shared by several server replicas.</summary>
    Postgres = 1,
}
