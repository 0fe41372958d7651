using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using DuckDB.NET.Data;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Storage.DuckDb;

public sealed partial class DuckDbStore
{
    /// <summary>
    /// Sums records in one hash aggregate, so the pipeline reads thousands of groups instead of millions of rows.
    /// Reads only the usage table's columns, never its keys, so a change to how rows are written does not reach it.
    /// </summary>
    public async IAsyncEnumerable<UsageGroup> ReadUsageGroupsAsync(UsageGroupFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command(string.Empty);
            var where = new List<string>();
            if (filter.Since is { } since)
            {
                where.Add("occurred_at >= $since");
                command.Parameters.Add(new DuckDBParameter("since", since.UtcDateTime));
            }

            if (filter.Until is { } until)
            {
                where.Add("occurred_at < $until");
                command.Parameters.Add(new DuckDBParameter("until", until.UtcDateTime));
            }

            var splits = filter.BranchSplits.Count > 0 || filter.TicketSplits.Count > 0;
            if (splits)
            {
                await StageSplitsAsync(filter, where, command.Parameters, cancellationToken);
            }

            command.CommandText = UsageGroupsSql(filter, where, splits);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                yield return ReadGroup(reader);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    // The split instants, as lists per branch and per ticket-id string, in a temp table the read joins (a hash
    // join on a small build side: far cheaper than sorting every record for an ASOF join).
    private async Task StageSplitsAsync(UsageGroupFilter filter, List<string> where, DuckDBParameterCollection parameters, CancellationToken cancellationToken)
    {
        await using (var create = Command("CREATE TEMP TABLE IF NOT EXISTS usage_group_splits (kind VARCHAR, key VARCHAR, split_at TIMESTAMP)"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var clear = Command("DELETE FROM usage_group_splits"))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        var ticketSets = new List<string>();
        if (filter.TicketSplits.Count > 0)
        {
            await using var distinct = Command("SELECT DISTINCT ticket_ids FROM usage_records WHERE ticket_ids IS NOT NULL"
                + (where.Count > 0 ? " AND " + string.Join(" AND ", where) : string.Empty));
            foreach (DuckDBParameter p in parameters)
            {
                distinct.Parameters.Add(new DuckDBParameter(p.ParameterName, p.Value));
            }

            await using var reader = await distinct.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ticketSets.Add(reader.GetString(0));
            }
        }

        using var appender = _connection.CreateAppender("temp", "main", "usage_group_splits");
        foreach (var (branch, instants) in filter.BranchSplits)
        {
            foreach (var at in instants)
            {
                appender.CreateRow().AppendValue("b").AppendValue(branch).AppendValue(at.UtcDateTime).EndRow();
            }
        }

        foreach (var set in ticketSets)
        {
            foreach (var at in filter.SplitsOfTickets(set.Split(' ')))
            {
                appender.CreateRow().AppendValue("t").AppendValue(set).AppendValue(at.UtcDateTime).EndRow();
            }
        }
    }

    private static string UsageGroupsSql(UsageGroupFilter filter, List<string> where, bool splits)
    {
        var separate = filter.EachRecord ? "id" : filter.Separate.Count == 0
            ? "CAST(NULL AS VARCHAR)"
            : $"CASE WHEN id IN ({string.Join(", ", filter.Separate.Order(StringComparer.Ordinal).Select(Literal))}) THEN id END";
        var offsets = filter.ZoneOffsets();
        string bucket;
        if (offsets.Count == 0)
        {
            bucket = "date_trunc('hour', occurred_at)";
        }
        else
        {
            // The local date: the UTC instant plus the zone's offset at that instant (a CASE over its few transitions).
            var minutes = new System.Text.StringBuilder("CASE");
            for (var i = 1; i < offsets.Count; i++)
            {
                minutes.Append(CultureInfo.InvariantCulture, $" WHEN occurred_at < TIMESTAMP '{offsets[i].From.UtcDateTime:yyyy-MM-dd HH:mm:ss}' THEN {(long)offsets[i - 1].Offset.TotalMinutes}");
            }

            minutes.Append(CultureInfo.InvariantCulture, $" ELSE {(long)offsets[^1].Offset.TotalMinutes} END");
            if (offsets.Count == 1)
            {
                minutes.Clear().Append((long)offsets[0].Offset.TotalMinutes);
            }

            bucket = $"CAST(CAST(occurred_at + to_minutes(CAST({minutes} AS BIGINT)) AS DATE) AS TIMESTAMP)";
        }

        // Mixing context: sessions, repos, branches, folders and tickets neither split groups nor come back.
        var mix = filter.MixesContext;
        string Context(string column) => mix ? $"CAST(NULL AS VARCHAR) AS {column}" : column;
        var contextGroups = mix ? string.Empty : "session_id, repo, branch, cwd, ticket_ids, ";
        return $"""
            SELECT arg_min(id, (occurred_at, id)) AS first_id, min(occurred_at), max(occurred_at), count(*),
                   CAST(sum(input_tokens) AS BIGINT), CAST(sum(output_tokens) AS BIGINT), CAST(sum(cache_read_tokens) AS BIGINT),
                   CAST(sum(cache_write_5m_tokens) AS BIGINT), CAST(sum(cache_write_1h_tokens) AS BIGINT),
                   CAST(sum(web_search_requests) AS BIGINT), CAST(sum(requests) AS BIGINT), sum(cost),
                   source_kind, provider, model, service_tier, speed, inference_geo, cost_basis, currency,
                   api_key_id, api_key_alias, workspace, person, account, machine_user, {Context("session_id")}, tool,
                   {Context("repo")}, {Context("branch")}, {Context("cwd")}, {Context("ticket_ids")}, tags, long_context
            FROM (
                SELECT usage_records.*,
                       {separate} AS separate,
                       cost IS NOT NULL AS has_cost,
                       CAST(occurred_at AS DATE) AS utc_day,
                       {bucket} AS bucket,
                       input_tokens + cache_read_tokens + cache_write_5m_tokens + cache_write_1h_tokens
                           > {Domain.Pricing.ModelPrice.LongContextThreshold} * greatest(1, requests) AS long_context,
                       input_tokens + output_tokens + cache_read_tokens + cache_write_5m_tokens + cache_write_1h_tokens = 0
                           AND web_search_requests = 0 AS empty,
                       {(splits ? "coalesce(len(list_filter(sb.ats, x -> x <= occurred_at)), 0)" : "0")} AS branch_epoch,
                       {(splits ? "coalesce(len(list_filter(st.ats, x -> x <= occurred_at)), 0)" : "0")} AS ticket_epoch
                FROM usage_records
                {(splits ? """
                    LEFT JOIN (SELECT key, list(split_at) AS ats FROM usage_group_splits WHERE kind = 'b' GROUP BY key) sb ON sb.key = branch
                    LEFT JOIN (SELECT key, list(split_at) AS ats FROM usage_group_splits WHERE kind = 't' GROUP BY key) st ON st.key = ticket_ids
                    """ : string.Empty)}
                {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : string.Empty)}
            )
            GROUP BY source_kind, provider, model, service_tier, speed, inference_geo, cost_basis, currency,
                     api_key_id, api_key_alias, workspace, person, account, machine_user, tool,
                     {contextGroups}tags, long_context, separate, has_cost, utc_day, bucket, empty,
                     branch_epoch, ticket_epoch
            ORDER BY 2, 1
            """;
    }

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static UsageGroup ReadGroup(System.Data.Common.DbDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var tickets = S(31);
        var tags = S(32);
        var totals = new UsageRecord
        {
            Id = r.GetString(0),
            At = new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(1), DateTimeKind.Utc)),
            Tokens = new TokenCounts(r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8)),
            WebSearchRequests = r.GetInt64(9),
            Requests = r.GetInt64(10),
            Cost = r.IsDBNull(11) ? null : r.GetDecimal(11),
            SourceKind = r.GetString(12),
            Provider = r.GetString(13),
            Model = r.GetString(14),
            ServiceTier = S(15),
            Speed = S(16),
            InferenceGeo = S(17),
            CostBasis = (CostBasis)r.GetFieldValue<sbyte>(18),
            Currency = r.GetString(19),
            ApiKeyId = S(20),
            ApiKeyAlias = S(21),
            Workspace = S(22),
            Person = S(23),
            Account = S(24),
            MachineUser = S(25),
            SessionId = S(26),
            Tool = S(27),
            Repo = S(28),
            Branch = S(29),
            Cwd = S(30),
            TicketIds = tickets is null ? [] : tickets.Split(' '),
            Tags = tags is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(tags) ?? [],
        };
        return new UsageGroup(
            totals,
            r.GetInt64(3),
            new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(2), DateTimeKind.Utc)),
            r.GetBoolean(33));
    }
}
