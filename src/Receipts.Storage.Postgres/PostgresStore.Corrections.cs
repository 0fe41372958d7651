using Npgsql;
using NpgsqlTypes;
using Receipts.Domain.Attribution;
using Receipts.Domain.Storage;

namespace Receipts.Storage.Postgres;

public sealed partial class PostgresStore : ICorrectionStore
{
    public async Task WriteCorrectionAsync(Correction correction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(correction);
        await using var command = _dataSource.CreateCommand("INSERT INTO corrections VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
        command.Parameters.Add(Param(correction.Id, NpgsqlDbType.Text));
        command.Parameters.Add(Param(correction.At.UtcDateTime, NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Param(correction.By, NpgsqlDbType.Text));
        command.Parameters.Add(Param(correction.Reason, NpgsqlDbType.Text));
        command.Parameters.Add(Param(correction.Target.ToString().ToLowerInvariant(), NpgsqlDbType.Text));
        command.Parameters.Add(Param(correction.Value, NpgsqlDbType.Text));
        command.Parameters.Add(Param(correction.Repo, NpgsqlDbType.Text));
        command.Parameters.Add(Param(correction.Project, NpgsqlDbType.Text));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Correction>> ReadCorrectionsAsync(CancellationToken cancellationToken)
    {
        // COLLATE "C" orders ids by code point, as DuckDB does.
        await using var command = _dataSource.CreateCommand(
            "SELECT id, created_at, by_whom, reason, target, value, repo, project FROM corrections ORDER BY created_at, id COLLATE \"C\"");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<Correction>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new Correction(
                reader.GetString(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetString(2),
                reader.GetString(3),
                Enum.Parse<CorrectionTarget>(reader.GetString(4), ignoreCase: true),
                reader.GetString(5),
                reader.GetString(7),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return result;
    }
}
