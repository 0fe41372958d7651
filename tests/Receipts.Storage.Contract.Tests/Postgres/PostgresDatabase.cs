using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Receipts.Storage.Postgres;

namespace Receipts.Storage.Contract.Tests.Postgres;

/// <summary>
/// A fresh database per test class (<c>receipts_test_&lt;guid&gt;</c>) on the server named by
/// RECEIPTS_TEST_POSTGRES, dropped afterwards. <see cref="OpenFreshStoreAsync"/> empties it for each test.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private string? _admin;

    public string ConnectionString { get; private set; } = string.Empty;

    public string Name { get; } = "receipts_test_" + Guid.NewGuid().ToString("n");

    public async Task InitializeAsync()
    {
        if (PostgresEnvironment.SkipReason is not null)
        {
            return;
        }

        _admin = PostgresEnvironment.ConnectionString;
        try
        {
            await using var connection = new NpgsqlConnection(_admin);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException(
                $"Cannot create a test database with {PostgresEnvironment.Variable}: {e.Message}. {PostgresEnvironment.HowToStart}", e);
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = Name }.ConnectionString;
    }

    /// <summary>Opens the store on this class's database with every table emptied (migrations stay applied).</summary>
    public async Task<PostgresStore> OpenFreshStoreAsync(FakeTimeProvider time)
    {
        var store = await PostgresStore.OpenAsync(ConnectionString, time, CancellationToken.None);
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var truncate = new NpgsqlCommand(
            """
            DO $$ DECLARE t text; BEGIN
              FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' LOOP
                EXECUTE format('TRUNCATE TABLE %I', t);
              END LOOP;
            END $$
            """,
            connection);
        await truncate.ExecuteNonQueryAsync();
        return store;
    }

    public async Task DisposeAsync()
    {
        if (_admin is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
