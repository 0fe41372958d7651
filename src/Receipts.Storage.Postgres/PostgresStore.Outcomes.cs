using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;
using Receipts.Domain.Outcomes;
using Receipts.Domain.Storage;

namespace Receipts.Storage.Postgres;

public sealed partial class PostgresStore : IOutcomeStore
{
    private const string ChangeColumns = """
        repo, id, sha, number, merged_at, author, head_branch, title, labels, files, previous_files, tags,
        tickets, reverts, source, first_commit_at, opened_at, first_review_at
        """;

    private static readonly string[] ChangeColumnNames = ChangeColumns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    // The same JSON as DuckDbStore.Outcomes.cs, so a change reads back the same from either store.
    private static readonly JsonSerializerOptions OutcomeJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly string ChangeUpsert =
        $"INSERT INTO changes ({ChangeColumns}) VALUES ({string.Join(", ", ChangeColumnNames.Select((_, i) => "$" + (i + 1)))})\n"
        + "ON CONFLICT (repo, id) DO UPDATE SET "
        + string.Join(", ", ChangeColumnNames.Skip(2).Select(c => $"{c} = excluded.{c}"));

    private const string TicketEventUpsert = """
        INSERT INTO ticket_events (id, tracker, ticket_id, kind, occurred_at, project, actor) VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (id) DO UPDATE SET tracker = excluded.tracker, ticket_id = excluded.ticket_id, kind = excluded.kind,
            occurred_at = excluded.occurred_at, project = excluded.project, actor = excluded.actor
        """;

    public async Task WriteChangesAsync(IReadOnlyCollection<Change> changes, IReadOnlyCollection<SourceCursor> cursors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(cursors);

        // The last copy of a key in one write wins, like a later write would (and ON CONFLICT cannot touch a row twice).
        var unique = changes.GroupBy(c => (c.Repo, c.Id)).Select(g => g.Last()).ToList();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (unique.Count > 0)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var c in unique)
            {
                batch.BatchCommands.Add(BatchCommand(
                    ChangeUpsert,
                    Param(c.Repo, NpgsqlDbType.Text),
                    Param(c.Id, NpgsqlDbType.Text),
                    Param(c.Sha, NpgsqlDbType.Text),
                    Param(c.Number, NpgsqlDbType.Integer),
                    Param(c.MergedAt.UtcDateTime, NpgsqlDbType.TimestampTz),
                    Param(c.Author, NpgsqlDbType.Text),
                    Param(c.HeadBranch, NpgsqlDbType.Text),
                    Param(c.Title, NpgsqlDbType.Text),
                    Param(JsonSerializer.Serialize(c.Labels, OutcomeJson), NpgsqlDbType.Text),
                    Param(JsonSerializer.Serialize(c.Files, OutcomeJson), NpgsqlDbType.Text),
                    Param(JsonSerializer.Serialize(c.PreviousFiles, OutcomeJson), NpgsqlDbType.Text),
                    Param(JsonSerializer.Serialize(c.Tags, OutcomeJson), NpgsqlDbType.Text),
                    Param(JsonSerializer.Serialize(c.Tickets, OutcomeJson), NpgsqlDbType.Text),
                    Param(JsonSerializer.Serialize(c.Reverts, OutcomeJson), NpgsqlDbType.Text),
                    Param(c.Source, NpgsqlDbType.Text),
                    Param(c.FirstCommitAt?.UtcDateTime, NpgsqlDbType.TimestampTz),
                    Param(c.OpenedAt?.UtcDateTime, NpgsqlDbType.TimestampTz),
                    Param(c.FirstReviewAt?.UtcDateTime, NpgsqlDbType.TimestampTz)));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await SaveCursorsAsync(cursors, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> DeleteChangesAsync(string repo, string source, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return 0;
        }

        await using var command = _dataSource.CreateCommand("DELETE FROM changes WHERE repo = $1 AND source = $2 AND id = ANY($3)");
        command.Parameters.Add(Param(repo, NpgsqlDbType.Text));
        command.Parameters.Add(Param(source, NpgsqlDbType.Text));
        command.Parameters.Add(Param(ids.Distinct(StringComparer.Ordinal).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Change>> ReadChangesAsync(ChangeFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var where = new List<string>();
        await using var command = _dataSource.CreateCommand();
        if (filter.Repo is { } repo)
        {
            command.Parameters.Add(Param(repo, NpgsqlDbType.Text));
            where.Add($"repo = ${command.Parameters.Count}");
        }

        if (filter.Since is { } since)
        {
            command.Parameters.Add(Param(since.UtcDateTime, NpgsqlDbType.TimestampTz));
            where.Add($"merged_at >= ${command.Parameters.Count}");
        }

        if (filter.Until is { } until)
        {
            command.Parameters.Add(Param(until.UtcDateTime, NpgsqlDbType.TimestampTz));
            where.Add($"merged_at < ${command.Parameters.Count}");
        }

        // COLLATE "C" orders by code point, as DuckDB does.
        command.CommandText = $"SELECT {ChangeColumns} FROM changes"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty)
            + " ORDER BY merged_at, repo COLLATE \"C\", id COLLATE \"C\"";
        var result = new List<Change>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(ReadChange(reader));
        }

        return result;
    }

    public async Task WriteTicketEventsAsync(IReadOnlyCollection<TicketEvent> events, IReadOnlyCollection<SourceCursor> cursors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(cursors);
        var unique = events.GroupBy(e => e.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (unique.Count > 0)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var e in unique)
            {
                batch.BatchCommands.Add(BatchCommand(
                    TicketEventUpsert,
                    Param(e.Id, NpgsqlDbType.Text),
                    Param(e.Tracker, NpgsqlDbType.Text),
                    Param(e.TicketId, NpgsqlDbType.Text),
                    Param((short)e.Kind, NpgsqlDbType.Smallint),
                    Param(e.At.UtcDateTime, NpgsqlDbType.TimestampTz),
                    Param(e.Project, NpgsqlDbType.Text),
                    Param(e.Actor, NpgsqlDbType.Text)));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await SaveCursorsAsync(cursors, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TicketEvent>> ReadTicketEventsAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT id, tracker, ticket_id, kind, occurred_at, project, actor FROM ticket_events ORDER BY occurred_at, id COLLATE \"C\"");
        var result = new List<TicketEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new TicketEvent
            {
                Id = reader.GetString(0),
                Tracker = reader.GetString(1),
                TicketId = reader.GetString(2),
                Kind = (TicketEventKind)reader.GetInt16(3),
                At = reader.GetFieldValue<DateTimeOffset>(4),
                Project = reader.IsDBNull(5) ? null : reader.GetString(5),
                Actor = reader.IsDBNull(6) ? null : reader.GetString(6),
            });
        }

        return result;
    }

    public async Task WriteTeamWindowChangeAsync(TeamWindowChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var command = _dataSource.CreateCommand("INSERT INTO team_window_changes VALUES ($1, $2, $3, $4, $5, $6)");
        command.Parameters.Add(Param(change.Team, NpgsqlDbType.Text));
        command.Parameters.Add(Param(change.OldDays, NpgsqlDbType.Integer));
        command.Parameters.Add(Param(change.NewDays, NpgsqlDbType.Integer));
        command.Parameters.Add(Param(change.By, NpgsqlDbType.Text));
        command.Parameters.Add(Param(change.At.UtcDateTime, NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Param(change.Reason, NpgsqlDbType.Text));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TeamWindowChange>> ReadTeamWindowChangesAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT team, old_days, new_days, changed_by, changed_at, reason FROM team_window_changes ORDER BY changed_at, team COLLATE \"C\"");
        var result = new List<TeamWindowChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new TeamWindowChange(
                reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5)));
        }

        return result;
    }

    private static Change ReadChange(NpgsqlDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        DateTimeOffset? T(int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
        List<string> L(int i) => JsonSerializer.Deserialize<List<string>>(r.GetString(i), OutcomeJson) ?? [];
        return new Change
        {
            Repo = r.GetString(0),
            Id = r.GetString(1),
            Sha = r.GetString(2),
            Number = r.IsDBNull(3) ? null : r.GetInt32(3),
            MergedAt = r.GetFieldValue<DateTimeOffset>(4),
            Author = S(5),
            HeadBranch = S(6),
            Title = r.GetString(7),
            Labels = L(8),
            Files = L(9),
            PreviousFiles = L(10),
            Tags = L(11),
            Tickets = L(12),
            Reverts = JsonSerializer.Deserialize<List<RevertReference>>(r.GetString(13), OutcomeJson) ?? [],
            Source = r.GetString(14),
            FirstCommitAt = T(15),
            OpenedAt = T(16),
            FirstReviewAt = T(17),
        };
    }
}
