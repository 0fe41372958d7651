using Npgsql;
using Receipts.Domain.Storage;

namespace Receipts.Storage.Postgres;

public sealed partial class PostgresStore
{
    public async Task<IReadOnlyDictionary<string, SourceCursor>> GetCursorsAsync(string source, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, SourceCursor>(StringComparer.Ordinal);
        await using var command = _dataSource.CreateCommand("SELECT key, state FROM source_cursors WHERE source = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = source });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(0);
            result[key] = new SourceCursor(source, key, reader.GetString(1));
        }

        return result;
    }

    private async Task SaveCursorsAsync(IReadOnlyCollection<SourceCursor> cursors, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (cursors.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            """
            INSERT INTO source_cursors (source, key, state, updated_at)
            SELECT s.source, s.key, s.state, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS s(source, key, state)
            ON CONFLICT (source, key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
            """,
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = cursors.Select(c => c.Source).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = cursors.Select(c => c.Key).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = cursors.Select(c => c.State).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = _time.GetUtcNow().UtcDateTime });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
