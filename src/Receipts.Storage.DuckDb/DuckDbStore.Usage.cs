using System.Runtime.CompilerServices;
using System.Text.Json;
using DuckDB.NET.Data;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Storage.DuckDb;

public sealed partial class DuckDbStore
{
    private const string Columns = """
        id, source_kind, source_name, occurred_at, provider, model, service_tier, speed, inference_geo,
        input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens,
        web_search_requests, requests, cost, cost_basis, currency, is_sidechain, message_id, request_id,
        api_key_id, api_key_alias, workspace, person, account, machine_user, session_id, tool, tool_version,
        repo, branch, cwd, ticket_ids, tags
        """;

    // What usage reports read (ReadUsageForReportAsync): about half the columns, none of them per-record ids.
    private const string ReportColumns = """
        occurred_at, source_kind, provider, model, service_tier, speed, inference_geo,
        input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens,
        web_search_requests, requests, cost, cost_basis, currency, session_id, repo, branch, cwd
        """;

    // A staged copy is "fuller" than the stored one when it is the main-thread copy of a sidechain
    // replay, or when it carries more tokens (streaming partials write growing counts).
    private const string Fuller = """
        ((u.is_sidechain AND NOT s.is_sidechain)
         OR (u.is_sidechain = s.is_sidechain AND
             s.input_tokens + s.output_tokens + s.cache_read_tokens + s.cache_write_5m_tokens + s.cache_write_1h_tokens
             > u.input_tokens + u.output_tokens + u.cache_read_tokens + u.cache_write_5m_tokens + u.cache_write_1h_tokens))
        """;

    // A sidechain replay (Claude Code /btw, §1.6) repeats a response under the same message id with another
    // request id, so it has another record id. When either side is a sidechain copy, one message is one record,
    // whichever import saw which copy first.
    private const string Rival = """
        (u.message_id = s.message_id AND u.source_kind = s.source_kind AND u.id <> s.id
         AND (u.is_sidechain OR s.is_sidechain))
        """;

    // A staged copy loses to a stored copy of the same id, or to a stored rival, that it is not fuller than.
    // It reads usage_touched: the stored rows a write can meet (same id or same message id), gathered with one
    // scan, so the checks below never scan the whole ledger again (each such scan cost ~20 ms per batch at 1M rows).
    private const string Loses = $"""
        (EXISTS (SELECT 1 FROM usage_touched u WHERE u.id = s.id AND NOT {Fuller})
         OR EXISTS (SELECT 1 FROM usage_touched u WHERE {Rival} AND NOT {Fuller}))
        """;

    public async Task<UsageWriteResult> WriteUsageAsync(
        IReadOnlyCollection<UsageRecord> records,
        IReadOnlyCollection<SourceCursor> cursors,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(cursors);

        // Importers pass lazily converted records: convert them once, not once per pass below.
        records = FullerCopy.KeepFullest(records as IReadOnlyList<UsageRecord> ?? [.. records]);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await EnsureUsageTempTablesAsync(cancellationToken);
            await using var transaction = (DuckDBTransaction)await _connection.BeginTransactionAsync(cancellationToken);

            // usage_records has no primary key (0012): ids stay unique because every record that could meet a stored
            // row goes through the merge, and only records proved new are appended straight to the table. Without
            // the id filter, "proved new" means the table is empty (a first import); with it, the filter says so.
            // A sidechain copy with a rival in this very batch takes the merge too (after the rival is appended).
            var anyStored = _idFilter is null && await HasUsageAsync(transaction, cancellationToken);
            var rivalled = SidechainMessagesWithRivals(records);
            List<UsageRecord> fresh = new(records.Count), merge = [];
            foreach (var record in records)
            {
                var maybeStored = _idFilter?.MayMeetStored(record) ?? anyStored;
                var rivalInBatch = rivalled is not null && record.IsSidechain && record.MessageId is not null
                    && rivalled.Contains((record.SourceKind, record.MessageId));
                (maybeStored || rivalInBatch ? merge : fresh).Add(record);
            }

            var appended = fresh.Count > 0 ? Stage(fresh, catalog: null, "usage_records") : 0;
            var merged = merge.Count > 0 ? await MergeAsync(merge, transaction, cancellationToken) : new UsageWriteResult(0, 0, 0);
            await SaveCursorsInBulkAsync(cursors, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (_idFilter is { } filter)
            {
                // A superset of what is stored is all the filter needs: losers and replaced copies may stay in it.
                foreach (var record in records)
                {
                    filter.Add(record.Id, record.SourceKind, record.MessageId, record.IsSidechain);
                }
            }

            return new UsageWriteResult(checked(appended + merged.Inserted), merged.Replaced, merged.Unchanged);
        }
        finally
        {
            _gate.Release();
        }
    }

    // The (source kind, message id) pairs of sidechain copies that share their message with another record of the
    // batch: null when the batch has no sidechain copy (the usual case, at no cost).
    private static HashSet<(string, string)>? SidechainMessagesWithRivals(IReadOnlyCollection<UsageRecord> records)
    {
        if (!records.Any(r => r.IsSidechain && r.MessageId is not null))
        {
            return null;
        }

        var seen = new HashSet<(string, string)>();
        var shared = new HashSet<(string, string)>();
        foreach (var record in records)
        {
            if (record.MessageId is { } message && !seen.Add((record.SourceKind, message)))
            {
                shared.Add((record.SourceKind, message));
            }
        }

        return shared;
    }

    /// <summary>
    /// Keeps the hashes of the stored ids in memory from now on, so that each later write appends the records it can
    /// prove new without scanning the ledger (see <see cref="UsageIdFilter"/>). For a long-running writer such as the
    /// collector: it reads every stored id once (3.5–5.6 s per million records on a loaded 2-core machine) and holds
    /// about 47 bytes per record. A one-shot import is better off without it.
    /// </summary>
    public async Task KeepUsageIdsInMemoryAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_idFilter is not null)
            {
                return;
            }

            long count;
            await using (var counting = Command("SELECT count(*) FROM usage_records"))
            {
                count = Convert.ToInt64(await counting.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            }

            var filter = new UsageIdFilter(checked((int)Math.Min(count, int.MaxValue / 2)));
            await using var command = Command("SELECT id, source_kind, message_id, is_sidechain FROM usage_records");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                filter.Add(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetBoolean(3));
            }

            _idFilter = filter;
        }
        finally
        {
            _gate.Release();
        }
    }

    // Temp tables belong to the connection. Created outside any write's transaction, so a rolled-back write cannot
    // take them along, and once, because each CREATE … IF NOT EXISTS costs about a millisecond.
    private async Task EnsureUsageTempTablesAsync(CancellationToken cancellationToken)
    {
        if (_usageTempTables)
        {
            return;
        }

        await Execute("CREATE TEMP TABLE IF NOT EXISTS usage_incoming AS SELECT * FROM usage_records WITH NO DATA", null, cancellationToken);
        await Execute("CREATE TEMP TABLE IF NOT EXISTS usage_touched AS SELECT * FROM usage_records WITH NO DATA", null, cancellationToken);
        _usageTempTables = true;
    }

    /// <summary>
    /// Merges records that may meet stored rows: stage them, gather the stored rows they can meet (same id, or a
    /// sidechain rival), and apply the fullest-copy rule. Returns what happened to the staged records.
    /// </summary>
    private async Task<UsageWriteResult> MergeAsync(List<UsageRecord> records, DuckDBTransaction transaction, CancellationToken cancellationToken)
    {
        await Execute("DELETE FROM usage_incoming", transaction, cancellationToken);
        Stage(records, "temp", "usage_incoming");

        long inserted = 0, replaced = 0, unchanged = 0;
        await Execute("DELETE FROM usage_touched", transaction, cancellationToken);

        // Two scans, not one with OR: DuckDB answers `id IN (…) OR message_id IN (…)` with a mark join that
        // costs several times the two hash semi-joins (measured at 1M rows, docs/benchmarks.md (collector)).
        await Execute("INSERT INTO usage_touched SELECT * FROM usage_records WHERE id IN (SELECT id FROM usage_incoming)", transaction, cancellationToken);

        // A rival needs a sidechain copy on one side: stored sidechain copies of any staged message, and any stored
        // copy of a staged sidechain message (rare, so that scan runs only when there is one).
        var sidechains = records.Any(r => r.IsSidechain && r.MessageId is not null);
        await Execute(
            $"""
            INSERT INTO usage_touched SELECT * FROM usage_records
            WHERE {(sidechains ? string.Empty : "is_sidechain AND ")}message_id IN (SELECT message_id FROM usage_incoming WHERE message_id IS NOT NULL)
              AND id NOT IN (SELECT id FROM usage_touched)
            """,
            transaction,
            cancellationToken);
        await using (var count = Command(
            $"""
            SELECT count(*) FILTER (WHERE loses),
                   count(*) FILTER (WHERE NOT loses AND (same_id OR rival)),
                   count(*) FILTER (WHERE NOT loses AND NOT same_id AND NOT rival)
            FROM (
                SELECT {Loses} AS loses,
                       EXISTS (SELECT 1 FROM usage_touched u WHERE u.id = s.id) AS same_id,
                       EXISTS (SELECT 1 FROM usage_touched u WHERE {Rival}) AS rival
                FROM usage_incoming s)
            """,
            transaction))
        {
            await using var reader = await count.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                unchanged = reader.GetInt64(0);
                replaced = reader.GetInt64(1);
                inserted = reader.GetInt64(2);
            }
        }

        // Staged copies that lose to a stored one go; the stored copies the rest beat make way for them.
        // Each step runs only when the counts say it has work.
        if (unchanged > 0)
        {
            await Execute($"DELETE FROM usage_incoming WHERE id IN (SELECT s.id FROM usage_incoming s WHERE {Loses})", transaction, cancellationToken);
        }

        if (replaced > 0)
        {
            await Execute(
                $"""
                DELETE FROM usage_records WHERE id IN (
                    SELECT u.id FROM usage_touched u
                    WHERE u.id IN (SELECT id FROM usage_incoming) OR EXISTS (SELECT 1 FROM usage_incoming s WHERE {Rival}))
                """,
                transaction,
                cancellationToken);
        }

        if (unchanged < records.Count)
        {
            await Execute("INSERT INTO usage_records SELECT * FROM usage_incoming", transaction, cancellationToken);
        }

        await Execute("DELETE FROM usage_incoming", transaction, cancellationToken);
        await Execute("DELETE FROM usage_touched", transaction, cancellationToken);
        return new UsageWriteResult(checked((int)inserted), checked((int)replaced), checked((int)unchanged));
    }

    public async Task<long> CountUsageAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command("SELECT count(*) FROM usage_records");
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            _gate.Release();
        }
    }

    public IAsyncEnumerable<UsageRecord> ReadUsageAsync(UsageFilter filter, CancellationToken cancellationToken) =>
        ReadAsync(filter, Columns, ReadRecord, cancellationToken);

    public IAsyncEnumerable<UsageRecord> ReadUsageForReportAsync(UsageFilter filter, CancellationToken cancellationToken) =>
        ReadAsync(filter, ReportColumns, ReadReportRecord, cancellationToken);

    private async IAsyncEnumerable<UsageRecord> ReadAsync(
        UsageFilter filter,
        string columns,
        Func<System.Data.Common.DbDataReader, UsageRecord> read,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var where = new List<string>();
            await using var command = Command(string.Empty);
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

            if (filter.SourceKinds.Count > 0)
            {
                where.Add($"source_kind IN ({string.Join(", ", filter.SourceKinds.Select((_, i) => "$k" + i))})");
                for (var i = 0; i < filter.SourceKinds.Count; i++)
                {
                    command.Parameters.Add(new DuckDBParameter("k" + i, filter.SourceKinds[i]));
                }
            }

            command.CommandText = $"SELECT {columns} FROM usage_records"
                + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty)
                + " ORDER BY occurred_at, id";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                yield return read(reader);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    // One statement for all cursors: an import of thousands of files would otherwise pay one statement each.
    private async Task SaveCursorsInBulkAsync(IReadOnlyCollection<SourceCursor> cursors, DuckDBTransaction transaction, CancellationToken cancellationToken)
    {
        if (cursors.Count == 0)
        {
            return;
        }

        await Execute(
            "CREATE TEMP TABLE IF NOT EXISTS cursors_incoming AS SELECT * FROM source_cursors WITH NO DATA",
            transaction,
            cancellationToken);
        await Execute("DELETE FROM cursors_incoming", transaction, cancellationToken);
        var at = _time.GetUtcNow().UtcDateTime;
        using (var appender = _connection.CreateAppender("temp", "main", "cursors_incoming"))
        {
            // The last cursor of a key wins, as with one statement per cursor.
            foreach (var cursor in cursors.GroupBy(c => (c.Source, c.Key)).Select(g => g.Last()))
            {
                appender.CreateRow().AppendValue(cursor.Source).AppendValue(cursor.Key).AppendValue(cursor.State).AppendValue(at).EndRow();
            }
        }

        await Execute(
            """
            INSERT INTO source_cursors SELECT * FROM cursors_incoming
            ON CONFLICT (source, key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
            """,
            transaction,
            cancellationToken);
        await Execute("DELETE FROM cursors_incoming", transaction, cancellationToken);
    }

    private async Task<bool> HasUsageAsync(DuckDBTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT EXISTS (SELECT 1 FROM usage_records)", transaction);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>Appends <paramref name="records"/> to a table with the usage columns; returns how many.</summary>
    private int Stage(IReadOnlyCollection<UsageRecord> records, string? catalog, string table)
    {
        var count = 0;
        using var appender = _connection.CreateAppender(catalog, "main", table);
        foreach (var r in records)
        {
            count++;
            AppendRow(appender, r);
        }

        return count;
    }

    /// <summary>One usage row, columns in <see cref="Columns"/> order.</summary>
    private static void AppendRow(DuckDBAppender appender, UsageRecord r) =>
        appender.CreateRow()
            .AppendValue(r.Id)
            .AppendValue(r.SourceKind)
            .AppendValue(r.SourceName)
            .AppendValue(r.At.UtcDateTime)
            .AppendValue(r.Provider)
            .AppendValue(r.Model)
            .AppendValue(r.ServiceTier)
            .AppendValue(r.Speed)
            .AppendValue(r.InferenceGeo)
            .AppendValue(r.Tokens.Input)
            .AppendValue(r.Tokens.Output)
            .AppendValue(r.Tokens.CacheRead)
            .AppendValue(r.Tokens.CacheWrite5m)
            .AppendValue(r.Tokens.CacheWrite1h)
            .AppendValue(r.WebSearchRequests)
            .AppendValue(r.Requests)
            .AppendValue(r.Cost)
            .AppendValue((sbyte)r.CostBasis)
            .AppendValue(r.Currency)
            .AppendValue(r.IsSidechain)
            .AppendValue(r.MessageId)
            .AppendValue(r.RequestId)
            .AppendValue(r.ApiKeyId)
            .AppendValue(r.ApiKeyAlias)
            .AppendValue(r.Workspace)
            .AppendValue(r.Person)
            .AppendValue(r.Account)
            .AppendValue(r.MachineUser)
            .AppendValue(r.SessionId)
            .AppendValue(r.Tool)
            .AppendValue(r.ToolVersion)
            .AppendValue(r.Repo)
            .AppendValue(r.Branch)
            .AppendValue(r.Cwd)
            .AppendValue(r.TicketIds.Count == 0 ? null : string.Join(' ', r.TicketIds))
            .AppendValue(r.Tags.Count == 0 ? null : JsonSerializer.Serialize(r.Tags))
            .EndRow();

    private static UsageRecord ReadRecord(System.Data.Common.DbDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var tickets = S(34);
        var tags = S(35);
        return new UsageRecord
        {
            Id = r.GetString(0),
            SourceKind = r.GetString(1),
            SourceName = S(2),
            At = new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(3), DateTimeKind.Utc)),
            Provider = r.GetString(4),
            Model = r.GetString(5),
            ServiceTier = S(6),
            Speed = S(7),
            InferenceGeo = S(8),
            Tokens = new TokenCounts(r.GetInt64(9), r.GetInt64(10), r.GetInt64(11), r.GetInt64(12), r.GetInt64(13)),
            WebSearchRequests = r.GetInt64(14),
            Requests = r.GetInt64(15),
            Cost = r.IsDBNull(16) ? null : r.GetDecimal(16),
            CostBasis = (CostBasis)r.GetFieldValue<sbyte>(17),
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

    private static UsageRecord ReadReportRecord(System.Data.Common.DbDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        return new UsageRecord
        {
            Id = string.Empty,
            At = new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(0), DateTimeKind.Utc)),
            SourceKind = r.GetString(1),
            Provider = r.GetString(2),
            Model = r.GetString(3),
            ServiceTier = S(4),
            Speed = S(5),
            InferenceGeo = S(6),
            Tokens = new TokenCounts(r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), r.GetInt64(10), r.GetInt64(11)),
            WebSearchRequests = r.GetInt64(12),
            Requests = r.GetInt64(13),
            Cost = r.IsDBNull(14) ? null : r.GetDecimal(14),
            CostBasis = (CostBasis)r.GetFieldValue<sbyte>(15),
            Currency = r.GetString(16),
            SessionId = S(17),
            Repo = S(18),
            Branch = S(19),
            Cwd = S(20),
        };
    }

    private async Task Execute(string sql, DuckDBTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(sql, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
