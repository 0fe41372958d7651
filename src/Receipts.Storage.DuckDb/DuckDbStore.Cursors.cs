using DuckDB.NET.Data;
using Receipts.Domain.Storage;

namespace Receipts.Storage.DuckDb;

public sealed partial class DuckDbStore
{
    public async Task<IReadOnlyDictionary<string, SourceCursor>> GetCursorsAsync(string source, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, SourceCursor>(StringComparer.Ordinal);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command("SELECT key, state FROM source_cursors WHERE source = $source");
            command.Parameters.Add(new DuckDBParameter("source", source));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = reader.GetString(0);
                result[key] = new SourceCursor(source, key, reader.GetString(1));
            }
        }
        finally
        {
            _gate.Release();
        }

        return result;
    }

    private async Task SaveCursorsAsync(IReadOnlyCollection<SourceCursor> cursors, DuckDBTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var cursor in cursors)
        {
            await using var command = Command(
                """
                INSERT INTO source_cursors VALUES ($source, $key, $state, $at)
                ON CONFLICT (source, key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
                """,
                transaction);
            command.Parameters.Add(new DuckDBParameter("source", cursor.Source));
            command.Parameters.Add(new DuckDBParameter("key", cursor.Key));
            command.Parameters.Add(new DuckDBParameter("state", cursor.State));
            command.Parameters.Add(new DuckDBParameter("at", _time.GetUtcNow().UtcDateTime));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
