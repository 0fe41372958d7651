using Npgsql;
using NpgsqlTypes;
using Receipts.Domain.Storage;

namespace Receipts.Storage.Postgres;

public sealed partial class PostgresStore : IDerivedStore
{
    public async Task ReplaceDerivedAsync(DerivedFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var clear = new NpgsqlCommand("DELETE FROM derived_spend; DELETE FROM derived_changes; DELETE FROM derived_meta;", connection, transaction))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await CopySpendAsync(connection, facts, cancellationToken);
        await CopyChangesAsync(connection, facts, cancellationToken);
        await using (var meta = new NpgsqlCommand("INSERT INTO derived_meta VALUES ($1, $2, $3, $4, $5, $6)", connection, transaction))
        {
            meta.Parameters.Add(new NpgsqlParameter { Value = facts.ComputedAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            meta.Parameters.Add(new NpgsqlParameter { Value = facts.Zone.Id });
            meta.Parameters.Add(new NpgsqlParameter { Value = facts.AsOf.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            meta.Parameters.Add(new NpgsqlParameter { Value = facts.Since.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            meta.Parameters.Add(new NpgsqlParameter { Value = (long)facts.Spend.Count });
            meta.Parameters.Add(new NpgsqlParameter { Value = (long)facts.Changes.Count });
            await meta.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<DerivedMeta?> ReadDerivedMetaAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT computed_at, zone, as_of, period_start, spend_rows, change_rows FROM derived_meta LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new DerivedMeta(
            reader.GetFieldValue<DateTimeOffset>(0),
            reader.GetString(1),
            reader.GetFieldValue<DateTimeOffset>(2),
            reader.GetFieldValue<DateTimeOffset>(3),
            reader.GetInt64(4),
            reader.GetInt64(5));
    }

    public async Task<ViewContents> ReadViewAsync(string view, CancellationToken cancellationToken)
    {
        DerivedViews.EnsureKnown(view);
        var columns = new List<(string, string)>();
        await using (var describe = _dataSource.CreateCommand(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position"))
        {
            describe.Parameters.Add(new NpgsqlParameter { Value = view });
            await using var reader = await describe.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var rows = new List<object?[]>();
        await using (var select = _dataSource.CreateCommand($"SELECT * FROM {view}"))
        {
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }
        }

        return new ViewContents(columns, rows);
    }

    private static async Task CopySpendAsync(NpgsqlConnection connection, DerivedFacts facts, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            """
            COPY derived_spend (record_id, occurred_at, week, week_start, project, team, person, model, tool, provider, api_key,
                repo, branch, workflow, env, requests, amount, billed, cordoned, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, records)
            FROM STDIN (FORMAT BINARY)
            """,
            cancellationToken);
        foreach (var s in facts.Spend)
        {
            var week = facts.WeekOf(s.At);
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(s.RecordId, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(s.At.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(week.ToString(), NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(week.Monday, NpgsqlDbType.Date, cancellationToken);
            await Text(copy, s.Project, cancellationToken);
            await Text(copy, s.Team, cancellationToken);
            await Text(copy, s.Person, cancellationToken);
            await copy.WriteAsync(s.Model, NpgsqlDbType.Text, cancellationToken);
            await Text(copy, s.Tool, cancellationToken);
            await Text(copy, s.Provider, cancellationToken);
            await Text(copy, s.ApiKey, cancellationToken);
            await Text(copy, s.Repo, cancellationToken);
            await Text(copy, s.Branch, cancellationToken);
            await Text(copy, s.Workflow, cancellationToken);
            await Text(copy, s.Env, cancellationToken);
            await copy.WriteAsync(s.Requests, NpgsqlDbType.Bigint, cancellationToken);
            await Money(copy, s.Amount, cancellationToken);
            await copy.WriteAsync(s.Billed, NpgsqlDbType.Boolean, cancellationToken);
            await copy.WriteAsync(facts.IsCordoned(s.Project), NpgsqlDbType.Boolean, cancellationToken);
            await copy.WriteAsync(s.Tokens.Input, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(s.Tokens.Output, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(s.Tokens.CacheRead, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(s.Tokens.CacheWrite, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(s.Records, NpgsqlDbType.Bigint, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task CopyChangesAsync(NpgsqlConnection connection, DerivedFacts facts, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            """
            COPY derived_changes (repo, id, merged_at, week, week_start, project, team, status, reasons, head_branch, tickets, linked_cost, cordoned)
            FROM STDIN (FORMAT BINARY)
            """,
            cancellationToken);
        foreach (var c in facts.Changes)
        {
            var week = facts.WeekOf(c.MergedAt);
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(c.Repo, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(c.Id, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(c.MergedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(week.ToString(), NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(week.Monday, NpgsqlDbType.Date, cancellationToken);
            await Text(copy, c.Project, cancellationToken);
            await Text(copy, c.Team, cancellationToken);
            await copy.WriteAsync(DerivedFacts.StatusText(c.Status), NpgsqlDbType.Text, cancellationToken);
            await Text(copy, c.Reasons.Count == 0 ? null : string.Join(',', c.Reasons), cancellationToken);
            await Text(copy, c.HeadBranch, cancellationToken);
            await Text(copy, c.Tickets.Count == 0 ? null : string.Join(' ', c.Tickets), cancellationToken);
            await Money(copy, facts.ChangeCosts.TryGetValue((c.Repo, c.Id), out var cost) ? cost : null, cancellationToken);
            await copy.WriteAsync(facts.IsCordoned(c.Project), NpgsqlDbType.Boolean, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static Task Text(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private static Task Money(NpgsqlBinaryImporter copy, decimal? value, CancellationToken cancellationToken) =>
        value is { } v ? copy.WriteAsync(v, NpgsqlDbType.Numeric, cancellationToken) : copy.WriteNullAsync(cancellationToken);
}
