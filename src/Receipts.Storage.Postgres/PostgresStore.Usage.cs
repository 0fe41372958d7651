using System.Runtime.CompilerServices;
using System.Text.Json;
using Npgsql;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Storage.Postgres;

public sealed partial class PostgresStore
{
    private const string Columns = """
        id, source_kind, source_name, occurred_at, provider, model, service_tier, speed, inference_geo,
        input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens,
        web_search_requests, requests, cost, cost_basis, currency, is_sidechain, message_id, request_id,
        api_key_id, api_key_alias, workspace, person, account, machine_user, session_id, tool, tool_version,
        repo, branch, cwd, ticket_ids, tags
        """;

    // One array parameter per column, unnested into rows. The types must match Columns, in order.
    private static readonly string[] ColumnTypes =
    [
        "text", "text", "text", "timestamptz", "text", "text", "text", "text", "text",
        "bigint", "bigint", "bigint", "bigint", "bigint",
        "bigint", "bigint", "numeric", "smallint", "text", "boolean", "text", "text",
        "text", "text", "text", "text", "text", "text", "text", "text", "text",
        "text", "text", "text", "text", "text",
    ];

    private static readonly string[] ColumnNames = Columns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    // The same rule as DuckDbStore.Usage.cs and FullerCopy: the incoming copy replaces the stored one when it
    // is the main-thread copy of a sidechain replay, or carries more tokens. Otherwise the row is left alone,
    // so a replay changes nothing.
    private static readonly string Upsert =
        $"INSERT INTO usage_records ({Columns})\n"
        + $"SELECT {string.Join(", ", ColumnNames.Select(c => c == "tags" ? "s.tags::jsonb" : "s." + c))}\n"
        + $"FROM unnest({string.Join(", ", ColumnTypes.Select((t, i) => $"${i + 1}::{t}[]"))}) AS s({string.Join(", ", ColumnNames)})\n"
        + "ON CONFLICT (id) DO UPDATE SET "
        + string.Join(", ", ColumnNames.Skip(1).Select(c => $"{c} = excluded.{c}"))
        + """

        WHERE (usage_records.is_sidechain AND NOT excluded.is_sidechain)
           OR (usage_records.is_sidechain = excluded.is_sidechain AND
               excluded.input_tokens + excluded.output_tokens + excluded.cache_read_tokens + excluded.cache_write_5m_tokens + excluded.cache_write_1h_tokens
               > usage_records.input_tokens + usage_records.output_tokens + usage_records.cache_read_tokens + usage_records.cache_write_5m_tokens + usage_records.cache_write_1h_tokens)
        RETURNING (xmax = 0) AS inserted
        """;

    public async Task<UsageWriteResult> WriteUsageAsync(
        IReadOnlyCollection<UsageRecord> records,
        IReadOnlyCollection<SourceCursor> cursors,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(cursors);

        // ON CONFLICT cannot touch one row twice in a statement: copies that meet in one batch are settled first.
        var distinct = FullerCopy.KeepFullest(records);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int inserted = 0, replaced = 0;
        if (distinct.Count > 0)
        {
            await using var command = new NpgsqlCommand(Upsert, connection, transaction);
            AddColumnArrays(command, distinct);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.GetBoolean(0))
                {
                    inserted++;
                }
                else
                {
                    replaced++;
                }
            }
        }

        await SaveCursorsAsync(cursors, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new UsageWriteResult(inserted, replaced, distinct.Count - inserted - replaced);
    }

    public async Task<long> CountUsageAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT count(*) FROM usage_records");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async IAsyncEnumerable<UsageRecord> ReadUsageAsync(UsageFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
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

        if (filter.SourceKinds.Count > 0)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = filter.SourceKinds.ToArray() });
            where.Add($"source_kind = ANY(${command.Parameters.Count})");
        }

        // COLLATE "C" orders ids by code point, as DuckDB does.
        command.CommandText = $"SELECT {Columns} FROM usage_records"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty)
            + " ORDER BY occurred_at, id COLLATE \"C\"";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadRecord(reader);
        }
    }

    private static void AddColumnArrays(NpgsqlCommand command, IReadOnlyCollection<UsageRecord> records)
    {
        var r = records as IReadOnlyList<UsageRecord> ?? records.ToList();
        void Add<T>(Func<UsageRecord, T> value) => command.Parameters.Add(new NpgsqlParameter { Value = r.Select(value).ToArray() });
        Add(x => x.Id);
        Add(x => x.SourceKind);
        Add(x => x.SourceName);
        Add(x => x.At.UtcDateTime);
        Add(x => x.Provider);
        Add(x => x.Model);
        Add(x => x.ServiceTier);
        Add(x => x.Speed);
        Add(x => x.InferenceGeo);
        Add(x => x.Tokens.Input);
        Add(x => x.Tokens.Output);
        Add(x => x.Tokens.CacheRead);
        Add(x => x.Tokens.CacheWrite5m);
        Add(x => x.Tokens.CacheWrite1h);
        Add(x => x.WebSearchRequests);
        Add(x => x.Requests);
        Add(x => x.Cost);
        Add(x => (short)x.CostBasis);
        Add(x => x.Currency);
        Add(x => x.IsSidechain);
        Add(x => x.MessageId);
        Add(x => x.RequestId);
        Add(x => x.ApiKeyId);
        Add(x => x.ApiKeyAlias);
        Add(x => x.Workspace);
        Add(x => x.Person);
        Add(x => x.Account);
        Add(x => x.MachineUser);
        Add(x => x.SessionId);
        Add(x => x.Tool);
        Add(x => x.ToolVersion);
        Add(x => x.Repo);
        Add(x => x.Branch);
        Add(x => x.Cwd);
        Add(x => x.TicketIds.Count == 0 ? null : string.Join(' ', x.TicketIds));
        Add(x => x.Tags.Count == 0 ? null : JsonSerializer.Serialize(x.Tags));
    }

    private static UsageRecord ReadRecord(NpgsqlDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var tickets = S(34);
        var tags = S(35);
        return new UsageRecord
        {
            Id = r.GetString(0),
            SourceKind = r.GetString(1),
            SourceName = S(2),
            At = r.GetFieldValue<DateTimeOffset>(3),
            Provider = r.GetString(4),
            Model = r.GetString(5),
            ServiceTier = S(6),
            Speed = S(7),
            InferenceGeo = S(8),
            Tokens = new TokenCounts(r.GetInt64(9), r.GetInt64(10), r.GetInt64(11), r.GetInt64(12), r.GetInt64(13)),
            WebSearchRequests = r.GetInt64(14),
            Requests = r.GetInt64(15),
            Cost = r.IsDBNull(16) ? null : r.GetDecimal(16),
            CostBasis = (CostBasis)r.GetInt16(17),
            Currency = r.GetString(18),
            IsSidechain = r.GetBoolean(19),
            MessageId = S(20),
            RequestId = S(21),
            ApiKeyId = S(22),
            ApiKeyAlias = S(23),
            Workspace = S(24),
            Person = S(25),
            Account = S(26),
            MachineUser = S(27),
            SessionId = S(28),
            Tool = S(29),
            ToolVersion = S(30),
            Repo = S(31),
            Branch = S(32),
            Cwd = S(33),
            TicketIds = tickets is null ? [] : tickets.Split(' '),
            Tags = tags is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(tags) ?? [],
        };
    }
}
