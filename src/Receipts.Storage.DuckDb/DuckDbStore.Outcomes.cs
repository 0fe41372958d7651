using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using DuckDB.NET.Data;
using Receipts.Domain.Outcomes;
using Receipts.Domain.Storage;

namespace Receipts.Storage.DuckDb;

public sealed partial class DuckDbStore : IOutcomeStore
{
    private const string ChangeColumns = """
        repo, id, sha, number, merged_at, author, head_branch, title, labels, files, previous_files, tags,
        tickets, reverts, source, first_commit_at, opened_at, first_review_at
        """;

    private static readonly JsonSerializerOptions OutcomeJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async Task WriteChangesAsync(IReadOnlyCollection<Change> changes, IReadOnlyCollection<SourceCursor> cursors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(cursors);

        // The last copy of a key in one write wins, like a later write would.
        var unique = changes
            .GroupBy(c => (c.Repo, c.Id))
            .Select(g => g.Last())
            .ToList();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = (DuckDBTransaction)await _connection.BeginTransactionAsync(cancellationToken);
            await Execute("DELETE FROM changes_staging", transaction, cancellationToken);
            StageChanges(unique);
            await Execute("DELETE FROM changes c USING changes_staging s WHERE c.repo = s.repo AND c.id = s.id", transaction, cancellationToken);
            await Execute("INSERT INTO changes SELECT * FROM changes_staging", transaction, cancellationToken);
            await Execute("DELETE FROM changes_staging", transaction, cancellationToken);
            await SaveCursorsAsync(cursors, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<Change>> ReadChangesAsync(ChangeFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var where = new List<string>();
            await using var command = Command(string.Empty);
            if (filter.Repo is { } repo)
            {
                where.Add("repo = $repo");
                command.Parameters.Add(new DuckDBParameter("repo", repo));
            }

            if (filter.Since is { } since)
            {
                where.Add("merged_at >= $since");
                command.Parameters.Add(new DuckDBParameter("since", since.UtcDateTime));
            }

            if (filter.Until is { } until)
            {
                where.Add("merged_at < $until");
                command.Parameters.Add(new DuckDBParameter("until", until.UtcDateTime));
            }

            command.CommandText = $"SELECT {ChangeColumns} FROM changes"
                + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty)
                + " ORDER BY merged_at, repo, id";
            var result = new List<Change>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                result.Add(ReadChange(reader));
            }

            return result;
        }
        finally
        {
            _gate.Release();
        }
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

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = (DuckDBTransaction)await _connection.BeginTransactionAsync(cancellationToken);
            await using var command = Command("DELETE FROM changes WHERE repo = $repo AND source = $source AND list_contains($ids, id)", transaction);
            command.Parameters.Add(new DuckDBParameter("repo", repo));
            command.Parameters.Add(new DuckDBParameter("source", source));
            command.Parameters.Add(new DuckDBParameter("ids", ids.Distinct(StringComparer.Ordinal).ToList()));
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return deleted;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task WriteTicketEventsAsync(IReadOnlyCollection<TicketEvent> events, IReadOnlyCollection<SourceCursor> cursors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(cursors);
        var unique = events.GroupBy(e => e.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = (DuckDBTransaction)await _connection.BeginTransactionAsync(cancellationToken);
            await Execute("DELETE FROM ticket_events_staging", transaction, cancellationToken);
            using (var appender = _connection.CreateAppender("ticket_events_staging"))
            {
                foreach (var e in unique)
                {
                    appender.CreateRow()
                        .AppendValue(e.Id)
                        .AppendValue(e.Tracker)
                        .AppendValue(e.TicketId)
                        .AppendValue((sbyte)e.Kind)
                        .AppendValue(e.At.UtcDateTime)
                        .AppendValue(e.Project)
                        .AppendValue(e.Actor)
                        .EndRow();
                }
            }

            await Execute("DELETE FROM ticket_events t USING ticket_events_staging s WHERE t.id = s.id", transaction, cancellationToken);
            await Execute("INSERT INTO ticket_events SELECT * FROM ticket_events_staging", transaction, cancellationToken);
            await Execute("DELETE FROM ticket_events_staging", transaction, cancellationToken);
            await SaveCursorsAsync(cursors, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<TicketEvent>> ReadTicketEventsAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command("SELECT id, tracker, ticket_id, kind, occurred_at, project, actor FROM ticket_events ORDER BY occurred_at, id");
            var result = new List<TicketEvent>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                result.Add(new TicketEvent
                {
                    Id = reader.GetString(0),
                    Tracker = reader.GetString(1),
                    TicketId = reader.GetString(2),
                    Kind = (TicketEventKind)reader.GetFieldValue<sbyte>(3),
                    At = Utc(reader, 4),
                    Project = reader.IsDBNull(5) ? null : reader.GetString(5),
                    Actor = reader.IsDBNull(6) ? null : reader.GetString(6),
                });
            }

            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task WriteTeamWindowChangeAsync(TeamWindowChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command("INSERT INTO team_window_changes VALUES ($team, $old, $new, $by, $at, $reason)");
            command.Parameters.Add(new DuckDBParameter("team", change.Team));
            command.Parameters.Add(new DuckDBParameter("old", change.OldDays));
            command.Parameters.Add(new DuckDBParameter("new", change.NewDays));
            command.Parameters.Add(new DuckDBParameter("by", change.By));
            command.Parameters.Add(new DuckDBParameter("at", change.At.UtcDateTime));
            command.Parameters.Add(new DuckDBParameter("reason", change.Reason));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<TeamWindowChange>> ReadTeamWindowChangesAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command("SELECT team, old_days, new_days, changed_by, changed_at, reason FROM team_window_changes ORDER BY changed_at, team");
            var result = new List<TeamWindowChange>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                result.Add(new TeamWindowChange(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetString(3), Utc(reader, 4), reader.GetString(5)));
            }

            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void StageChanges(List<Change> changes)
    {
        using var appender = _connection.CreateAppender("changes_staging");
        foreach (var c in changes)
        {
            appender.CreateRow()
                .AppendValue(c.Repo)
                .AppendValue(c.Id)
                .AppendValue(c.Sha)
                .AppendValue(c.Number)
                .AppendValue(c.MergedAt.UtcDateTime)
                .AppendValue(c.Author)
                .AppendValue(c.HeadBranch)
                .AppendValue(c.Title)
                .AppendValue(JsonList(c.Labels))
                .AppendValue(JsonList(c.Files))
                .AppendValue(JsonList(c.PreviousFiles))
                .AppendValue(JsonList(c.Tags))
                .AppendValue(JsonList(c.Tickets))
                .AppendValue(c.Reverts.Count == 0 ? "[]" : JsonSerializer.Serialize(c.Reverts, OutcomeJson))
                .AppendValue(c.Source)
                .AppendValue(c.FirstCommitAt?.UtcDateTime)
                .AppendValue(c.OpenedAt?.UtcDateTime)
                .AppendValue(c.FirstReviewAt?.UtcDateTime)
                .EndRow();
        }
    }

    /// <summary>A JSON array of strings; the common plain strings are written without the serializer (20k-change imports).</summary>
    private static string JsonList(IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return "[]";
        }

        var sb = new System.Text.StringBuilder(values.Count * 32);
        sb.Append('[');
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            var value = values[i];
            if (value.AsSpan().IndexOfAny(NeedsEscape) < 0)
            {
                sb.Append('"').Append(value).Append('"');
            }
            else
            {
                sb.Append(JsonSerializer.Serialize(value, OutcomeJson));
            }
        }

        return sb.Append(']').ToString();
    }

    private static readonly System.Buffers.SearchValues<char> NeedsEscape = System.Buffers.SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f");

    private static Change ReadChange(DbDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        DateTimeOffset? T(int i) => r.IsDBNull(i) ? null : Utc(r, i);
        List<string> L(int i) => JsonSerializer.Deserialize<List<string>>(r.GetString(i), OutcomeJson) ?? [];
        return new Change
        {
            Repo = r.GetString(0),
            Id = r.GetString(1),
            Sha = r.GetString(2),
            Number = r.IsDBNull(3) ? null : r.GetInt32(3),
            MergedAt = Utc(r, 4),
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

    private static DateTimeOffset Utc(DbDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));
}
