using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using DuckDB.NET.Data;
using Receipts.Domain.Billing;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Storage.DuckDb;

public sealed partial class DuckDbStore : IBillingStore
{
    private const string BillingColumns = """
        id, source, dataset, provider, period_start, period_end, identity_kind, identity_id, identity_alias, group_id,
        model, service_tier, input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens,
        requests, amount, effective_amount, list_amount, currency, basis, charge_category, sku, description, service_name,
        quantity, unit, tags, attributes
        """;

    public async Task<BillingWriteResult> WriteBillingAsync(BillingWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = (DuckDBTransaction)await _connection.BeginTransactionAsync(cancellationToken);
            long writeId;
            await using (var next = Command("SELECT coalesce(max(write_id), 0) + 1 FROM billing_lines", transaction))
            {
                writeId = Convert.ToInt64(await next.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            }

            var (written, seen) = await AppendBillingAsync(write, writeId, transaction, cancellationToken);
            var scopes = write.Scopes.ToList();
            if (write.ReplaceDatasetsSeen)
            {
                scopes.AddRange(seen.Select(s => new BillingScope(s.Source, s.Dataset)));
            }

            long replaced = 0;
            foreach (var scope in scopes.Distinct())
            {
                replaced += await DeleteScopeAsync(scope, writeId, transaction, cancellationToken);
            }

            await SaveIdentitiesAsync(write.Identities, transaction, cancellationToken);
            await SaveCursorsAsync(write.Cursors, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new BillingWriteResult(written, replaced, write.Identities.Count);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async IAsyncEnumerable<BillingLine> ReadBillingLinesAsync(BillingFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var where = new List<string>();
            await using var command = Command(string.Empty);
            if (filter.Since is { } since)
            {
                where.Add("period_start >= $since");
                command.Parameters.Add(new DuckDBParameter("since", since.UtcDateTime));
            }

            if (filter.Until is { } until)
            {
                where.Add("period_start < $until");
                command.Parameters.Add(new DuckDBParameter("until", until.UtcDateTime));
            }

            if (filter.Source is { } source)
            {
                where.Add("source = $source");
                command.Parameters.Add(new DuckDBParameter("source", source));
            }

            if (filter.Provider is { } provider)
            {
                where.Add("provider = $provider");
                command.Parameters.Add(new DuckDBParameter("provider", provider));
            }

            command.CommandText = $"SELECT {BillingColumns} FROM billing_lines"
                + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty)
                + " ORDER BY period_start, source, dataset, id";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                yield return ReadBillingLine(reader);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<BillingIdentity>> ReadBillingIdentitiesAsync(string? source, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command(
                "SELECT source, kind, id, name, parent_id, status, tags FROM billing_identities"
                + (source is null ? string.Empty : " WHERE source = $source")
                + " ORDER BY source, kind, id");
            if (source is not null)
            {
                command.Parameters.Add(new DuckDBParameter("source", source));
            }

            var result = new List<BillingIdentity>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                result.Add(new BillingIdentity
                {
                    Source = reader.GetString(0),
                    Kind = BillingIdentityKinds.Parse(reader.GetString(1)),
                    Id = reader.GetString(2),
                    Name = reader.IsDBNull(3) ? null : reader.GetString(3),
                    ParentId = reader.IsDBNull(4) ? null : reader.GetString(4),
                    Status = reader.IsDBNull(5) ? null : reader.GetString(5),
                    Tags = ReadJsonMap(reader.IsDBNull(6) ? null : reader.GetString(6)),
                });
            }

            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Writes past this many lines go through a spooled CSV that DuckDB loads with its own parallel reader:
    /// the appender costs ~200 ns per value, which dominates million-row FOCUS imports. Tests lower it.
    /// </summary>
    internal int BulkThreshold { get; set; } = 50_000;

    private async Task<(long Written, HashSet<(string Source, string Dataset)> Seen)> AppendBillingAsync(
        BillingWrite write, long writeId, DuckDBTransaction transaction, CancellationToken cancellationToken)
    {
        var seen = new HashSet<(string, string)>();
        (string Source, string Dataset) last = (string.Empty, string.Empty);
        long written = 0;
        var json = new JsonMapCache();
        var buffer = new List<BillingLine>();
        BillingCsvSpool? spool = null;
        try
        {
            await foreach (var l in write.Lines.WithCancellation(cancellationToken))
            {
                if (l.Source != last.Source || l.Dataset != last.Dataset)
                {
                    last = (l.Source, l.Dataset);
                    seen.Add(last);
                }

                if (!write.ReplaceDatasetsSeen && !write.Scopes.Any(s => s.Covers(l)))
                {
                    throw new ArgumentException($"Billing line {l.Id} ({l.Source}/{l.Dataset} at {l.PeriodStart:O}) is outside every scope of the write.", nameof(write));
                }

                written++;
                if (spool is not null)
                {
                    spool.Write(l, json);
                    continue;
                }

                buffer.Add(l);
                if (buffer.Count >= BulkThreshold)
                {
                    spool = new BillingCsvSpool();
                    foreach (var b in buffer)
                    {
                        spool.Write(b, json);
                    }

                    buffer.Clear();
                }
            }

            if (spool is null)
            {
                Append(buffer, writeId, json);
            }
            else
            {
                spool.Close();
                await LoadSpoolAsync(spool, writeId, transaction, cancellationToken);
            }
        }
        finally
        {
            spool?.Dispose();
        }

        return (written, seen);
    }

    /// <summary>
    /// Loads a closed spool: its string dictionary into a temporary table (appended: a few thousand rows), then the
    /// file through <c>read_csv</c>, each number looked up in the dictionary as one list.
    /// </summary>
    private async Task LoadSpoolAsync(BillingCsvSpool spool, long writeId, DuckDBTransaction transaction, CancellationToken cancellationToken)
    {
        await using (var create = Command("CREATE OR REPLACE TEMP TABLE billing_spool_strings (n INTEGER, v VARCHAR)", transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        using (var appender = _connection.CreateAppender("billing_spool_strings"))
        {
            for (var i = 0; i < spool.Strings.Count; i++)
            {
                appender.CreateRow().AppendValue(i + 1).AppendValue(spool.Strings[i]).EndRow();
            }
        }

        await using (var set = Command("SET VARIABLE billing_spool_strings = (SELECT coalesce(list(v ORDER BY n), []) FROM billing_spool_strings)", transaction))
        {
            await set.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var load = Command(
            $"INSERT INTO billing_lines SELECT {writeId}, {BillingCsvSpool.Select} FROM read_csv($path, header = false, auto_detect = false, "
            + "delim = ',', quote = '\"', escape = '\"', allow_quoted_nulls = false, columns = " + BillingCsvSpool.ColumnTypes + ") s",
            transaction))
        {
            load.Parameters.Add(new DuckDBParameter("path", spool.Path));
            await load.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var drop = Command("DROP TABLE billing_spool_strings; RESET VARIABLE billing_spool_strings", transaction);
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }

    private void Append(List<BillingLine> lines, long writeId, JsonMapCache json)
    {
        using var appender = _connection.CreateAppender("billing_lines");
        foreach (var l in lines)
        {
            appender.CreateRow()
                .AppendValue(writeId)
                .AppendValue(l.Id)
                .AppendValue(l.Source)
                .AppendValue(l.Dataset)
                .AppendValue(l.Provider)
                .AppendValue(l.PeriodStart.UtcDateTime)
                .AppendValue(l.PeriodEnd.UtcDateTime)
                .AppendValue(l.IdentityKind.ToText())
                .AppendValue(l.IdentityId)
                .AppendValue(l.IdentityAlias)
                .AppendValue(l.GroupId)
                .AppendValue(l.Model)
                .AppendValue(l.ServiceTier)
                .AppendValue(l.Tokens.Input)
                .AppendValue(l.Tokens.Output)
                .AppendValue(l.Tokens.CacheRead)
                .AppendValue(l.Tokens.CacheWrite5m)
                .AppendValue(l.Tokens.CacheWrite1h)
                .AppendValue(l.Requests)
                .AppendValue(BillingCsvSpool.ToColumnScale(l.Amount))
                .AppendValue(BillingCsvSpool.ToColumnScale(l.EffectiveAmount))
                .AppendValue(BillingCsvSpool.ToColumnScale(l.ListAmount))
                .AppendValue(l.Currency)
                .AppendValue((sbyte)l.Basis)
                .AppendValue(l.ChargeCategory)
                .AppendValue(l.Sku)
                .AppendValue(l.Description)
                .AppendValue(l.ServiceName)
                .AppendValue(BillingCsvSpool.ToColumnScale(l.Quantity))
                .AppendValue(l.Unit)
                .AppendValue(json.Get(l.Tags))
                .AppendValue(json.Get(l.Attributes))
                .EndRow();
        }
    }

    private async Task<long> DeleteScopeAsync(BillingScope scope, long writeId, DuckDBTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(
            "DELETE FROM billing_lines WHERE write_id <> $write AND source = $source AND dataset = $dataset"
            + (scope.Start is null ? string.Empty : " AND period_start >= $start")
            + (scope.End is null ? string.Empty : " AND period_start < $end"),
            transaction);
        command.Parameters.Add(new DuckDBParameter("write", writeId));
        command.Parameters.Add(new DuckDBParameter("source", scope.Source));
        command.Parameters.Add(new DuckDBParameter("dataset", scope.Dataset));
        if (scope.Start is { } start)
        {
            command.Parameters.Add(new DuckDBParameter("start", start.UtcDateTime));
        }

        if (scope.End is { } end)
        {
            command.Parameters.Add(new DuckDBParameter("end", end.UtcDateTime));
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task SaveIdentitiesAsync(IReadOnlyCollection<BillingIdentity> identities, DuckDBTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var identity in identities)
        {
            await using var command = Command(
                """
                INSERT INTO billing_identities VALUES ($source, $kind, $id, $name, $parent, $status, $tags, $at)
                ON CONFLICT (source, kind, id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id,
                    status = excluded.status, tags = excluded.tags, updated_at = excluded.updated_at
                """,
                transaction);
            command.Parameters.Add(new DuckDBParameter("source", identity.Source));
            command.Parameters.Add(new DuckDBParameter("kind", identity.Kind.ToText()));
            command.Parameters.Add(new DuckDBParameter("id", identity.Id));
            command.Parameters.Add(new DuckDBParameter("name", identity.Name));
            command.Parameters.Add(new DuckDBParameter("parent", identity.ParentId));
            command.Parameters.Add(new DuckDBParameter("status", identity.Status));
            command.Parameters.Add(new DuckDBParameter("tags", JsonMap(identity.Tags)));
            command.Parameters.Add(new DuckDBParameter("at", _time.GetUtcNow().UtcDateTime));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static BillingLine ReadBillingLine(DbDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        decimal? D(int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);
        DateTimeOffset T(int i) => new(DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc));
        return new BillingLine
        {
            Id = r.GetString(0),
            Source = r.GetString(1),
            Dataset = r.GetString(2),
            Provider = r.GetString(3),
            PeriodStart = T(4),
            PeriodEnd = T(5),
            IdentityKind = BillingIdentityKinds.Parse(r.GetString(6)),
            IdentityId = r.GetString(7),
            IdentityAlias = S(8),
            GroupId = S(9),
            Model = S(10),
            ServiceTier = S(11),
            Tokens = new TokenCounts(r.GetInt64(12), r.GetInt64(13), r.GetInt64(14), r.GetInt64(15), r.GetInt64(16)),
            Requests = r.GetInt64(17),
            Amount = D(18),
            EffectiveAmount = D(19),
            ListAmount = D(20),
            Currency = r.GetString(21),
            Basis = (CostBasis)r.GetFieldValue<sbyte>(22),
            ChargeCategory = r.GetString(23),
            Sku = S(24),
            Description = S(25),
            ServiceName = S(26),
            Quantity = D(27),
            Unit = S(28),
            Tags = ReadJsonMap(S(29)),
            Attributes = ReadJsonMap(S(30)),
        };
    }

    internal static string? JsonMap(IReadOnlyDictionary<string, string> map) =>
        map.Count == 0 ? null : JsonSerializer.Serialize(map);

    private static Dictionary<string, string> ReadJsonMap(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
}
