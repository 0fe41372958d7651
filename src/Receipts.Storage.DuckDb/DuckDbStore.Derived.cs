using DuckDB.NET.Data;
using Receipts.Domain.Storage;

namespace Receipts.Storage.DuckDb;

public sealed partial class DuckDbStore : IDerivedStore
{
    public async Task ReplaceDerivedAsync(DerivedFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = (DuckDBTransaction)await _connection.BeginTransactionAsync(cancellationToken);
            await Execute("DELETE FROM derived_spend", transaction, cancellationToken);
            await Execute("DELETE FROM derived_changes", transaction, cancellationToken);
            await Execute("DELETE FROM derived_meta", transaction, cancellationToken);
            AppendSpend(facts);
            AppendChanges(facts);
            await using (var meta = Command("INSERT INTO derived_meta VALUES ($computed, $zone, $asof, $since, $spend, $changes)", transaction))
            {
                meta.Parameters.Add(new DuckDBParameter("computed", facts.ComputedAt.UtcDateTime));
                meta.Parameters.Add(new DuckDBParameter("zone", facts.Zone.Id));
                meta.Parameters.Add(new DuckDBParameter("asof", facts.AsOf.UtcDateTime));
                meta.Parameters.Add(new DuckDBParameter("since", facts.Since.UtcDateTime));
                meta.Parameters.Add(new DuckDBParameter("spend", (long)facts.Spend.Count));
                meta.Parameters.Add(new DuckDBParameter("changes", (long)facts.Changes.Count));
                await meta.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<DerivedMeta?> ReadDerivedMetaAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command("SELECT computed_at, zone, as_of, period_start, spend_rows, change_rows FROM derived_meta LIMIT 1");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            return new DerivedMeta(Utc(reader.GetDateTime(0)), reader.GetString(1), Utc(reader.GetDateTime(2)), Utc(reader.GetDateTime(3)), reader.GetInt64(4), reader.GetInt64(5));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<ViewContents> ReadViewAsync(string view, CancellationToken cancellationToken)
    {
        DerivedViews.EnsureKnown(view);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var columns = new List<(string, string)>();
            await using (var describe = Command("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $view ORDER BY ordinal_position"))
            {
                describe.Parameters.Add(new DuckDBParameter("view", view));
                await using var reader = await describe.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    columns.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            var rows = new List<object?[]>();
            await using (var select = Command($"SELECT * FROM {view}"))
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
        finally
        {
            _gate.Release();
        }
    }

    private void AppendSpend(DerivedFacts facts)
    {
        using var appender = _connection.CreateAppender("derived_spend");
        foreach (var s in facts.Spend)
        {
            var week = facts.WeekOf(s.At);
            appender.CreateRow()
                .AppendValue(s.RecordId)
                .AppendValue(s.At.UtcDateTime)
                .AppendValue(week.ToString())
                .AppendValue(week.Monday)
                .AppendValue(s.Project)
                .AppendValue(s.Team)
                .AppendValue(s.Person)
                .AppendValue(s.Model)
                .AppendValue(s.Tool)
                .AppendValue(s.Provider)
                .AppendValue(s.ApiKey)
                .AppendValue(s.Repo)
                .AppendValue(s.Branch)
                .AppendValue(s.Workflow)
                .AppendValue(s.Env)
                .AppendValue(s.Requests)
                .AppendValue(s.Amount)
                .AppendValue(s.Billed)
                .AppendValue(facts.IsCordoned(s.Project))
                .AppendValue(s.Tokens.Input)
                .AppendValue(s.Tokens.Output)
                .AppendValue(s.Tokens.CacheRead)
                .AppendValue(s.Tokens.CacheWrite)
                .AppendValue(s.Records)
                .EndRow();
        }
    }

    private void AppendChanges(DerivedFacts facts)
    {
        using var appender = _connection.CreateAppender("derived_changes");
        foreach (var c in facts.Changes)
        {
            var week = facts.WeekOf(c.MergedAt);
            appender.CreateRow()
                .AppendValue(c.Repo)
                .AppendValue(c.Id)
                .AppendValue(c.MergedAt.UtcDateTime)
                .AppendValue(week.ToString())
                .AppendValue(week.Monday)
                .AppendValue(c.Project)
                .AppendValue(c.Team)
                .AppendValue(DerivedFacts.StatusText(c.Status))
                .AppendValue(c.Reasons.Count == 0 ? null : string.Join(',', c.Reasons))
                .AppendValue(c.HeadBranch)
                .AppendValue(c.Tickets.Count == 0 ? null : string.Join(' ', c.Tickets))
                .AppendValue(facts.ChangeCosts.TryGetValue((c.Repo, c.Id), out var cost) ? cost : (decimal?)null)
                .AppendValue(facts.IsCordoned(c.Project))
                .EndRow();
        }
    }
}
