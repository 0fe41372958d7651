using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Npgsql;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>Sums records in one GROUP BY, as the embedded store does; the contract suite proves the two equal.</summary>
    public async IAsyncEnumerable<UsageGroup> ReadUsageGroupsAsync(UsageGroupFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var where = new List<string>();
        await using var command = _dataSource.CreateCommand();
        if (filter.Since is { } since)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = since.UtcDateTime });
            where.Add($"occurred_at >= ${command.Parameters.Count}");
        }

        if (filter.Until is { } until)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = until.UtcDateTime });
            where.Add($"occurred_at < ${command.Parameters.Count}");
        }

        var separate = filter.EachRecord ? "id" : "NULL::text";
        if (!filter.EachRecord && filter.Separate.Count > 0)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = filter.Separate.ToArray() });
            separate = $"CASE WHEN id = ANY(${command.Parameters.Count}) THEN id END";
        }

        var splits = filter.BranchSplits.Count > 0 || filter.TicketSplits.Count > 0;
        if (splits)
        {
            var ticketSets = new List<string>();
            if (filter.TicketSplits.Count > 0)
            {
                await using var distinct = _dataSource.CreateCommand("SELECT DISTINCT ticket_ids FROM usage_records WHERE ticket_ids IS NOT NULL"
                    + (where.Count > 0 ? " AND " + string.Join(" AND ", where) : string.Empty));
                // Only the period's bounds: one parameter per condition in where.
                for (var i = 0; i < where.Count; i++)
                {
                    distinct.Parameters.Add(new NpgsqlParameter { Value = command.Parameters[i].Value });
                }

                await using var sets = await distinct.ExecuteReaderAsync(cancellationToken);
                while (await sets.ReadAsync(cancellationToken))
                {
                    ticketSets.Add(sets.GetString(0));
                }
            }

            var kinds = new List<string>();
            var keys = new List<string>();
            var instants = new List<DateTime>();
            foreach (var (branch, list) in filter.BranchSplits)
            {
                foreach (var at in list)
                {
                    kinds.Add("b");
                    keys.Add(branch);
                    instants.Add(at.UtcDateTime);
                }
            }

            foreach (var set in ticketSets)
            {
                foreach (var at in filter.SplitsOfTickets(set.Split(' ')))
                {
                    kinds.Add("t");
                    keys.Add(set);
                    instants.Add(at.UtcDateTime);
                }
            }

            command.Parameters.Add(new NpgsqlParameter { Value = kinds.ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = keys.ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = instants.ToArray() });
        }

        var splitJoin = splits
            ? $"""
                LEFT JOIN (SELECT key, array_agg(at) AS ats FROM unnest(${command.Parameters.Count - 2}::text[], ${command.Parameters.Count - 1}::text[], ${command.Parameters.Count}::timestamptz[]) AS s(kind, key, at)
                           WHERE kind = 'b' GROUP BY key) sb ON sb.key = usage_records.branch
                LEFT JOIN (SELECT key, array_agg(at) AS ats FROM unnest(${command.Parameters.Count - 2}::text[], ${command.Parameters.Count - 1}::text[], ${command.Parameters.Count}::timestamptz[]) AS s(kind, key, at)
                           WHERE kind = 't' GROUP BY key) st ON st.key = usage_records.ticket_ids
                """
            : string.Empty;
        var offsets = filter.ZoneOffsets();
        string bucket;
        if (offsets.Count == 0)
        {
            bucket = "date_trunc('hour', occurred_at AT TIME ZONE 'UTC')";
        }
        else
        {
            var minutes = new StringBuilder("CASE");
            for (var i = 1; i < offsets.Count; i++)
            {
                minutes.Append(CultureInfo.InvariantCulture, $" WHEN occurred_at < TIMESTAMPTZ '{offsets[i].From.UtcDateTime:yyyy-MM-dd HH:mm:ss}+00' THEN {(long)offsets[i - 1].Offset.TotalMinutes}");
            }

            minutes.Append(CultureInfo.InvariantCulture, $" ELSE {(long)offsets[^1].Offset.TotalMinutes} END");
            if (offsets.Count == 1)
            {
                minutes.Clear().Append((long)offsets[0].Offset.TotalMinutes);
            }

            bucket = $"((occurred_at AT TIME ZONE 'UTC') + make_interval(mins => ({minutes})::int))::date::timestamp";
        }

        // The earliest record's id: instants as fixed-width text sort as the instants do, ties by id in code-point order.
        command.CommandText = $"""
            SELECT substr(min(to_char(occurred_at AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSUS') || id COLLATE "C"), 21) AS first_id,
                   min(occurred_at), max(occurred_at), count(*),
                   sum(input_tokens)::bigint, sum(output_tokens)::bigint, sum(cache_read_tokens)::bigint,
                   sum(cache_write_5m_tokens)::bigint, sum(cache_write_1h_tokens)::bigint,
                   sum(web_search_requests)::bigint, sum(requests)::bigint, sum(cost),
                   source_kind, provider, model, service_tier, speed, inference_geo, cost_basis, currency,
                   api_key_id, api_key_alias, workspace, person, account, machine_user, session_id, tool,
                   repo, branch, cwd, ticket_ids, tags::text, long_context
            FROM (
                SELECT usage_records.*,
                       {separate} AS separate,
                       cost IS NOT NULL AS has_cost,
                       (occurred_at AT TIME ZONE 'UTC')::date AS utc_day,
                       {bucket} AS bucket,
                       input_tokens + cache_read_tokens + cache_write_5m_tokens + cache_write_1h_tokens
                           > {Domain.Pricing.ModelPrice.LongContextThreshold} * greatest(1, requests) AS long_context,
                       input_tokens + output_tokens + cache_read_tokens + cache_write_5m_tokens + cache_write_1h_tokens = 0
                           AND web_search_requests = 0 AS empty,
                       {(splits ? "(SELECT count(*) FROM unnest(sb.ats) x WHERE x <= occurred_at)" : "0")} AS branch_epoch,
                       {(splits ? "(SELECT count(*) FROM unnest(st.ats) x WHERE x <= occurred_at)" : "0")} AS ticket_epoch
                FROM usage_records
                {splitJoin}
                {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : string.Empty)}
            ) u
            GROUP BY source_kind, provider, model, service_tier, speed, inference_geo, cost_basis, currency,
                     api_key_id, api_key_alias, workspace, person, account, machine_user, session_id, tool,
                     repo, branch, cwd, ticket_ids, tags, long_context, separate, has_cost, utc_day, bucket, empty,
                     branch_epoch, ticket_epoch
            ORDER BY 2, 1
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadGroup(reader);
        }
    }

    private static UsageGroup ReadGroup(NpgsqlDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var tickets = S(31);
        var tags = S(32);
        var totals = new UsageRecord
        {
            Id = r.GetString(0),
            At = r.GetFieldValue<DateTimeOffset>(1),
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
            CostBasis = (CostBasis)r.GetInt16(18),
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
        return new UsageGroup(totals, r.GetInt64(3), r.GetFieldValue<DateTimeOffset>(2), r.GetBoolean(33));
    }
}
