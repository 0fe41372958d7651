using System.Net.Sockets;
using Npgsql;
using Receipts.Domain.Storage;

namespace Receipts.Storage.Postgres;

/// <summary>
/// The shared store: PostgreSQL through Npgsql, for several server replicas over one database.
/// Same contracts and semantics as the embedded DuckDB store (one contract suite runs against both).
/// Each feature's queries live in their own partial file (<c>PostgresStore.Usage.cs</c>, …).
/// </summary>
public sealed partial class PostgresStore : IUsageStore, ITokenStore, IStoreHealth, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;

    private PostgresStore(NpgsqlDataSource dataSource, TimeProvider time, string location)
    {
        _dataSource = dataSource;
        _time = time;
        Location = location;
    }

    /// <summary>Where the store is, without the password: <c>postgres://user@host:port/database</c>.</summary>
    public string Location { get; }

    /// <summary>
    /// Connects with <paramref name="connectionString"/> (Npgsql keywords: <c>Host=…;Username=…;Password=…;Database=…</c>)
    /// and brings the schema up to date. Throws <see cref="StoreUnavailableException"/> with the reason when
    /// the server cannot be reached or refuses the login.
    /// </summary>
    public static async Task<PostgresStore> OpenAsync(string connectionString, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new StoreUnavailableException("postgres", $"the connection string is not valid: {e.Message}", e);
        }

        var location = $"postgres://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
        var dataSource = NpgsqlDataSource.Create(builder);
        try
        {
            await Migrator.MigrateAsync(dataSource, time, cancellationToken);
            var store = new PostgresStore(dataSource, time, location);
            dataSource = null;
            return store;
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw new StoreUnavailableException(location, e.Message, e);
        }
        finally
        {
            if (dataSource is not null)
            {
                await dataSource.DisposeAsync();
            }
        }
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
