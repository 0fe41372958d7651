using Npgsql;
using NpgsqlTypes;
using Receipts.Domain.Alerts;
using Receipts.Domain.Storage;

namespace Receipts.Storage.Postgres;

public sealed partial class PostgresStore : IAlertStore
{
    private const string AlertColumns = "alert_key, kind, severity, subject, title, detail, raised_at, since, observed, expected, driver";

    public async Task<IReadOnlyList<Alert>> AddAlertsAsync(IReadOnlyCollection<Alert> alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var added = new List<Alert>();
        if (alerts.Count == 0)
        {
            return added;
        }

        // One transaction; ON CONFLICT DO NOTHING makes the key the sent-once state even when replicas race.
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var alert in alerts.DistinctBy(a => a.Key))
        {
            await using var command = new NpgsqlCommand(
                $"INSERT INTO alerts ({AlertColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING",
                connection,
                transaction);
            command.Parameters.Add(Param(alert.Key, NpgsqlDbType.Text));
            command.Parameters.Add(Param(alert.Kind.ToString(), NpgsqlDbType.Text));
            command.Parameters.Add(Param(alert.Severity.ToString(), NpgsqlDbType.Text));
            command.Parameters.Add(Param(alert.Subject, NpgsqlDbType.Text));
            command.Parameters.Add(Param(alert.Title, NpgsqlDbType.Text));
            command.Parameters.Add(Param(alert.Detail, NpgsqlDbType.Text));
            command.Parameters.Add(Param(alert.RaisedAt.UtcDateTime, NpgsqlDbType.TimestampTz));
            command.Parameters.Add(Param(alert.Since?.UtcDateTime, NpgsqlDbType.TimestampTz));
            command.Parameters.Add(Param(alert.Observed, NpgsqlDbType.Numeric));
            command.Parameters.Add(Param(alert.Expected, NpgsqlDbType.Numeric));
            command.Parameters.Add(Param(alert.Driver, NpgsqlDbType.Text));
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                added.Add(alert);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    public async Task RecordDeliveryAsync(AlertDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await using var command = _dataSource.CreateCommand(
            """
            INSERT INTO alert_deliveries (alert_key, channel, delivered, attempts, error, sent_at) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (alert_key, channel) DO UPDATE SET delivered = excluded.delivered, attempts = excluded.attempts,
                error = excluded.error, sent_at = excluded.sent_at
            """);
        command.Parameters.Add(Param(delivery.AlertKey, NpgsqlDbType.Text));
        command.Parameters.Add(Param(delivery.Channel, NpgsqlDbType.Text));
        command.Parameters.Add(Param(delivery.Delivered, NpgsqlDbType.Boolean));
        command.Parameters.Add(Param(delivery.Attempts, NpgsqlDbType.Integer));
        command.Parameters.Add(Param(delivery.Error, NpgsqlDbType.Text));
        command.Parameters.Add(Param(delivery.At.UtcDateTime, NpgsqlDbType.TimestampTz));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Alert>> ReadAlertsAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = _dataSource.CreateCommand(
            $"SELECT {AlertColumns} FROM alerts WHERE $1::timestamptz IS NULL OR raised_at >= $1 ORDER BY raised_at DESC, alert_key COLLATE \"C\" LIMIT $2");
        command.Parameters.Add(Param(since?.UtcDateTime, NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Param(limit, NpgsqlDbType.Integer));
        var alerts = new List<Alert>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            alerts.Add(new Alert
            {
                Key = reader.GetString(0),
                Kind = Enum.Parse<AlertKind>(reader.GetString(1)),
                Severity = Enum.Parse<AlertSeverity>(reader.GetString(2)),
                Subject = reader.GetString(3),
                Title = reader.GetString(4),
                Detail = reader.GetString(5),
                RaisedAt = reader.GetFieldValue<DateTimeOffset>(6),
                Since = reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                Observed = reader.IsDBNull(8) ? null : reader.GetDecimal(8),
                Expected = reader.IsDBNull(9) ? null : reader.GetDecimal(9),
                Driver = reader.IsDBNull(10) ? null : reader.GetString(10),
            });
        }

        return alerts;
    }

    public async Task<IReadOnlyList<AlertDelivery>> ReadDeliveriesAsync(IReadOnlyCollection<string> alertKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alertKeys);
        var deliveries = new List<AlertDelivery>();
        if (alertKeys.Count == 0)
        {
            return deliveries;
        }

        // In the order the keys were asked for, each key's channels in order, as the embedded store gives them.
        var keys = alertKeys.Distinct(StringComparer.Ordinal).ToArray();
        await using var command = _dataSource.CreateCommand(
            """
            SELECT d.alert_key, d.channel, d.delivered, d.attempts, d.error, d.sent_at
            FROM alert_deliveries d JOIN unnest($1::text[]) WITH ORDINALITY AS k(alert_key, position) ON k.alert_key = d.alert_key
            ORDER BY k.position, d.channel COLLATE "C"
            """);
        command.Parameters.Add(Param(keys, NpgsqlDbType.Array | NpgsqlDbType.Text));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            deliveries.Add(new AlertDelivery(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetBoolean(2),
                reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return deliveries;
    }
}
