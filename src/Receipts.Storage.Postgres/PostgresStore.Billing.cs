using System.Runtime.CompilerServices;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Receipts.Domain.Billing;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Storage.Postgres;

public sealed partial class PostgresStore : IBillingStore
{
    private const string BillingColumns = """
        id, source, dataset, provider, period_start, period_end, identity_kind, identity_id, identity_alias, group_id,
        model, service_tier, input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens,
        requests, amount, effective_amount, list_amount, currency, basis, charge_category, sku, description, service_name,
        quantity, unit, tags, attributes
        """;

    private const string IdentityUpsert = """
        INSERT INTO billing_identities VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        ON CONFLICT (source, kind, id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id,
            status = excluded.status, tags = excluded.tags, updated_at = excluded.updated_at
        """;

    public async Task<BillingWriteResult> WriteBillingAsync(BillingWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long writeId;
        await using (var next = new NpgsqlCommand("SELECT nextval('billing_write_ids')", connection, transaction))
        {
            writeId = (long)(await next.ExecuteScalarAsync(cancellationToken))!;
        }

        var (written, seen) = await CopyBillingAsync(connection, write, writeId, cancellationToken);
        var scopes = write.Scopes.ToList();
        if (write.ReplaceDatasetsSeen)
        {
            scopes.AddRange(seen.Select(s => new BillingScope(s.Source, s.Dataset)));
        }

        long replaced = 0;
        foreach (var scope in scopes.Distinct())
        {
            await using var delete = new NpgsqlCommand(
                "DELETE FROM billing_lines WHERE write_id <> $1 AND source = $2 AND dataset = $3"
                + (scope.Start is null ? string.Empty : " AND period_start >= $4")
                + (scope.End is null ? string.Empty : scope.Start is null ? " AND period_start < $4" : " AND period_start < $5"),
                connection,
                transaction);
            delete.Parameters.Add(Param(writeId, NpgsqlDbType.Bigint));
            delete.Parameters.Add(Param(scope.Source, NpgsqlDbType.Text));
            delete.Parameters.Add(Param(scope.Dataset, NpgsqlDbType.Text));
            if (scope.Start is { } start)
            {
                delete.Parameters.Add(Param(start.UtcDateTime, NpgsqlDbType.TimestampTz));
            }

            if (scope.End is { } end)
            {
                delete.Parameters.Add(Param(end.UtcDateTime, NpgsqlDbType.TimestampTz));
            }

            replaced += await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        if (write.Identities.Count > 0)
        {
            var at = _time.GetUtcNow().UtcDateTime;
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var identity in write.Identities)
            {
                batch.BatchCommands.Add(BatchCommand(
                    IdentityUpsert,
                    Param(identity.Source, NpgsqlDbType.Text),
                    Param(identity.Kind.ToText(), NpgsqlDbType.Text),
                    Param(identity.Id, NpgsqlDbType.Text),
                    Param(identity.Name, NpgsqlDbType.Text),
                    Param(identity.ParentId, NpgsqlDbType.Text),
                    Param(identity.Status, NpgsqlDbType.Text),
                    Param(JsonMap(identity.Tags), NpgsqlDbType.Text),
                    Param(at, NpgsqlDbType.TimestampTz)));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await SaveCursorsAsync(write.Cursors, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new BillingWriteResult(written, replaced, write.Identities.Count);
    }

    public async IAsyncEnumerable<BillingLine> ReadBillingLinesAsync(BillingFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var where = new List<string>();
        await using var command = _dataSource.CreateCommand();
        if (filter.Since is { } since)
        {
            command.Parameters.Add(Param(since.UtcDateTime, NpgsqlDbType.TimestampTz));
            where.Add($"period_start >= ${command.Parameters.Count}");
        }

        if (filter.Until is { } until)
        {
            command.Parameters.Add(Param(until.UtcDateTime, NpgsqlDbType.TimestampTz));
            where.Add($"period_start < ${command.Parameters.Count}");
        }

        if (filter.Source is { } source)
        {
            command.Parameters.Add(Param(source, NpgsqlDbType.Text));
            where.Add($"source = ${command.Parameters.Count}");
        }

        if (filter.Provider is { } provider)
        {
            command.Parameters.Add(Param(provider, NpgsqlDbType.Text));
            where.Add($"provider = ${command.Parameters.Count}");
        }

        command.CommandText = $"SELECT {BillingColumns} FROM billing_lines"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty)
            + " ORDER BY period_start, source COLLATE \"C\", dataset COLLATE \"C\", id COLLATE \"C\"";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadBillingLine(reader);
        }
    }

    public async Task<IReadOnlyList<BillingIdentity>> ReadBillingIdentitiesAsync(string? source, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT source, kind, id, name, parent_id, status, tags FROM billing_identities"
            + (source is null ? string.Empty : " WHERE source = $1")
            + " ORDER BY source COLLATE \"C\", kind COLLATE \"C\", id COLLATE \"C\"");
        if (source is not null)
        {
            command.Parameters.Add(Param(source, NpgsqlDbType.Text));
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

    /// <summary>Streams the lines into billing_lines with binary COPY (million-row FOCUS exports); throws on a line outside every scope.</summary>
    private static async Task<(long Written, HashSet<(string Source, string Dataset)> Seen)> CopyBillingAsync(
        NpgsqlConnection connection, BillingWrite write, long writeId, CancellationToken cancellationToken)
    {
        var seen = new HashSet<(string, string)>();
        long written = 0;
        var tagsCache = new Dictionary<IReadOnlyDictionary<string, string>, string?>(ReferenceEqualityComparer.Instance);
        string? Json(IReadOnlyDictionary<string, string> map)
        {
            if (!tagsCache.TryGetValue(map, out var json))
            {
                json = JsonMap(map);
                tagsCache[map] = json;
            }

            return json;
        }

        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY billing_lines (write_id, {BillingColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        await foreach (var l in write.Lines.WithCancellation(cancellationToken))
        {
            seen.Add((l.Source, l.Dataset));
            if (!write.ReplaceDatasetsSeen && !write.Scopes.Any(s => s.Covers(l)))
            {
                throw new ArgumentException($"Billing line {l.Id} ({l.Source}/{l.Dataset} at {l.PeriodStart:O}) is outside every scope of the write.", nameof(write));
            }

            written++;
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(writeId, NpgsqlDbType.Bigint, cancellationToken);
            await Text(l.Id);
            await Text(l.Source);
            await Text(l.Dataset);
            await Text(l.Provider);
            await importer.WriteAsync(l.PeriodStart.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(l.PeriodEnd.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            await Text(l.IdentityKind.ToText());
            await Text(l.IdentityId);
            await Text(l.IdentityAlias);
            await Text(l.GroupId);
            await Text(l.Model);
            await Text(l.ServiceTier);
            await importer.WriteAsync(l.Tokens.Input, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(l.Tokens.Output, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(l.Tokens.CacheRead, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(l.Tokens.CacheWrite5m, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(l.Tokens.CacheWrite1h, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(l.Requests, NpgsqlDbType.Bigint, cancellationToken);
            await Numeric(l.Amount);
            await Numeric(l.EffectiveAmount);
            await Numeric(l.ListAmount);
            await Text(l.Currency);
            await importer.WriteAsync((short)l.Basis, NpgsqlDbType.Smallint, cancellationToken);
            await Text(l.ChargeCategory);
            await Text(l.Sku);
            await Text(l.Description);
            await Text(l.ServiceName);
            await Numeric(l.Quantity);
            await Text(l.Unit);
            await Text(Json(l.Tags));
            await Text(Json(l.Attributes));
        }

        await importer.CompleteAsync(cancellationToken);
        return (written, seen);

        Task Text(string? value) => value is null
            ? importer.WriteNullAsync(cancellationToken)
            : importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

        Task Numeric(decimal? value) => value is { } v
            ? importer.WriteAsync(v, NpgsqlDbType.Numeric, cancellationToken)
            : importer.WriteNullAsync(cancellationToken);
    }

    private static BillingLine ReadBillingLine(NpgsqlDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        decimal? D(int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);
        return new BillingLine
        {
            Id = r.GetString(0),
            Source = r.GetString(1),
            Dataset = r.GetString(2),
            Provider = r.GetString(3),
            PeriodStart = r.GetFieldValue<DateTimeOffset>(4),
            PeriodEnd = r.GetFieldValue<DateTimeOffset>(5),
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
            Basis = (CostBasis)r.GetInt16(22),
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

    private static string? JsonMap(IReadOnlyDictionary<string, string> map) =>
        map.Count == 0 ? null : JsonSerializer.Serialize(map);

    private static Dictionary<string, string> ReadJsonMap(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
}
