using Npgsql;

namespace Receipts.Bench.Collector;

/// <summary>A fresh PostgreSQL database for one run (<c>receipts_bench_&lt;guid&gt;</c>), dropped afterwards, so every run starts empty like the DuckDB file.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _admin;
    private readonly string _name;

    private BenchDatabase(string admin, string name)
    {
        _admin = admin;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(string admin, CancellationToken cancellationToken)
    {
        var database = new BenchDatabase(admin, "receipts_bench_" + Guid.NewGuid().ToString("n"));
        await database.ExecuteAsync($"CREATE DATABASE {database._name}", cancellationToken);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync($"DROP DATABASE IF EXISTS {_name}", CancellationToken.None);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 10)
            {
                // Autovacuum works on a freshly filled database for a while; FORCE cannot end it without superuser.
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
