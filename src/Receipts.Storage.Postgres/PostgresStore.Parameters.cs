using Npgsql;
using NpgsqlTypes;

namespace Receipts.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>A positional parameter typed explicitly, so a null still tells PostgreSQL its type.</summary>
    private static NpgsqlParameter Param(object? value, NpgsqlDbType type) =>
        new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    private static NpgsqlBatchCommand BatchCommand(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
