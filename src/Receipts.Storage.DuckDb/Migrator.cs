using System.Globalization;
using System.Reflection;
using DuckDB.NET.Data;

namespace Receipts.Storage.DuckDb;

/// <summary>
/// Applies the numbered scripts embedded under <c>Migrations/</c> (<c>0001_name.sql</c>, …) in order,
/// each in its own transaction, and records them in <c>schema_migrations</c>.
/// </summary>
internal static class Migrator
{
    public static async Task MigrateAsync(DuckDBConnection connection, TimeProvider time, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, null, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER PRIMARY KEY,
                name       VARCHAR NOT NULL,
                applied_at TIMESTAMP NOT NULL
            )
            """, cancellationToken);

        var applied = new HashSet<int>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT version FROM schema_migrations";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        foreach (var (version, name, sql) in Scripts())
        {
            if (applied.Contains(version))
            {
                continue;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, sql, cancellationToken);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = (DuckDBTransaction)transaction;
                record.CommandText = "INSERT INTO schema_migrations VALUES ($version, $name, $at)";
                record.Parameters.Add(new DuckDBParameter("version", version));
                record.Parameters.Add(new DuckDBParameter("name", name));
                record.Parameters.Add(new DuckDBParameter("at", time.GetUtcNow().UtcDateTime));
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>The embedded scripts, ordered by their number.</summary>
    internal static IEnumerable<(int Version, string Name, string Sql)> Scripts()
    {
        var assembly = typeof(Migrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n["Migrations.".Length..^".sql".Length];
                var version = int.Parse(file[..file.IndexOf('_', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
                return (version, file, Read(assembly, n));
            })
            .OrderBy(m => m.version);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Migration resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    internal static async Task ExecuteAsync(DuckDBConnection connection, System.Data.Common.DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = (DuckDBTransaction?)transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
