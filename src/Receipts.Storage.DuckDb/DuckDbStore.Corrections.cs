using DuckDB.NET.Data;
using Receipts.Domain.Attribution;
using Receipts.Domain.Storage;

namespace Receipts.Storage.DuckDb;

public sealed partial class DuckDbStore : ICorrectionStore
{
    public async Task WriteCorrectionAsync(Correction correction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(correction);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command("INSERT INTO corrections VALUES ($id, $at, $by, $reason, $target, $value, $repo, $project)");
            command.Parameters.Add(new DuckDBParameter("id", correction.Id));
            command.Parameters.Add(new DuckDBParameter("at", correction.At.UtcDateTime));
            command.Parameters.Add(new DuckDBParameter("by", correction.By));
            command.Parameters.Add(new DuckDBParameter("reason", correction.Reason));
            command.Parameters.Add(new DuckDBParameter("target", correction.Target.ToString().ToLowerInvariant()));
            command.Parameters.Add(new DuckDBParameter("value", correction.Value));
            command.Parameters.Add(new DuckDBParameter("repo", correction.Repo));
            command.Parameters.Add(new DuckDBParameter("project", correction.Project));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<Correction>> ReadCorrectionsAsync(CancellationToken cancellationToken)
    {
        var result = new List<Correction>();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command("SELECT id, created_at, by_whom, reason, target, value, repo, project FROM corrections ORDER BY created_at, id");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                result.Add(new Correction(
                    reader.GetString(0),
                    new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc)),
                    reader.GetString(2),
                    reader.GetString(3),
                    Enum.Parse<CorrectionTarget>(reader.GetString(4), ignoreCase: true),
                    reader.GetString(5),
                    reader.GetString(7),
                    reader.IsDBNull(6) ? null : reader.GetString(6)));
            }
        }
        finally
        {
            _gate.Release();
        }

        return result;
    }
}
