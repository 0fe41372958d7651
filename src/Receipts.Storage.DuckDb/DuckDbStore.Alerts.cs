using System.Globalization;
using DuckDB.NET.Data;
using Receipts.Domain.Alerts;
using Receipts.Domain.Budgets;
using Receipts.Domain.Storage;

namespace Receipts.Storage.DuckDb;

public sealed partial class DuckDbStore : IAlertStore, IBudgetStore
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

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = await _connection.BeginTransactionAsync(cancellationToken);
            foreach (var alert in alerts.DistinctBy(a => a.Key))
            {
                await using var command = Command(
                    $"INSERT INTO alerts ({AlertColumns}) VALUES ($key, $kind, $severity, $subject, $title, $detail, $raised, $since, $observed, $expected, $driver) ON CONFLICT DO NOTHING",
                    (DuckDBTransaction)transaction);
                command.Parameters.Add(new DuckDBParameter("key", alert.Key));
                command.Parameters.Add(new DuckDBParameter("kind", alert.Kind.ToString()));
                command.Parameters.Add(new DuckDBParameter("severity", alert.Severity.ToString()));
                command.Parameters.Add(new DuckDBParameter("subject", alert.Subject));
                command.Parameters.Add(new DuckDBParameter("title", alert.Title));
                command.Parameters.Add(new DuckDBParameter("detail", alert.Detail));
                command.Parameters.Add(new DuckDBParameter("raised", alert.RaisedAt.UtcDateTime));
                command.Parameters.Add(new DuckDBParameter("since", alert.Since?.UtcDateTime));
                command.Parameters.Add(new DuckDBParameter("observed", alert.Observed));
                command.Parameters.Add(new DuckDBParameter("expected", alert.Expected));
                command.Parameters.Add(new DuckDBParameter("driver", alert.Driver));
                if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
                {
                    added.Add(alert);
                }
            }

            await transaction.CommitAsync(cancellationToken);
            return added;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task RecordDeliveryAsync(AlertDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command(
                """
                INSERT OR REPLACE INTO alert_deliveries (alert_key, channel, delivered, attempts, error, sent_at)
                VALUES ($key, $channel, $delivered, $attempts, $error, $at)
                """);
            command.Parameters.Add(new DuckDBParameter("key", delivery.AlertKey));
            command.Parameters.Add(new DuckDBParameter("channel", delivery.Channel));
            command.Parameters.Add(new DuckDBParameter("delivered", delivery.Delivered));
            command.Parameters.Add(new DuckDBParameter("attempts", delivery.Attempts));
            command.Parameters.Add(new DuckDBParameter("error", delivery.Error));
            command.Parameters.Add(new DuckDBParameter("at", delivery.At.UtcDateTime));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<Alert>> ReadAlertsAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command(
                $"SELECT {AlertColumns} FROM alerts WHERE $since IS NULL OR raised_at >= $since ORDER BY raised_at DESC, alert_key LIMIT $limit");
            command.Parameters.Add(new DuckDBParameter("since", since?.UtcDateTime));
            command.Parameters.Add(new DuckDBParameter("limit", limit));
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
                    RaisedAt = Utc(reader.GetDateTime(6)),
                    Since = reader.IsDBNull(7) ? null : Utc(reader.GetDateTime(7)),
                    Observed = reader.IsDBNull(8) ? null : reader.GetDecimal(8),
                    Expected = reader.IsDBNull(9) ? null : reader.GetDecimal(9),
                    Driver = reader.IsDBNull(10) ? null : reader.GetString(10),
                });
            }

            return alerts;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<AlertDelivery>> ReadDeliveriesAsync(IReadOnlyCollection<string> alertKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alertKeys);
        var deliveries = new List<AlertDelivery>();
        if (alertKeys.Count == 0)
        {
            return deliveries;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var key in alertKeys.Distinct(StringComparer.Ordinal))
            {
                await using var command = Command(
                    "SELECT alert_key, channel, delivered, attempts, error, sent_at FROM alert_deliveries WHERE alert_key = $key ORDER BY channel");
                command.Parameters.Add(new DuckDBParameter("key", key));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    deliveries.Add(new AlertDelivery(
                        reader.GetString(0),
                        reader.GetString(1),
                        reader.GetBoolean(2),
                        reader.GetInt32(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4),
                        Utc(reader.GetDateTime(5))));
                }
            }

            return deliveries;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task SetBudgetAsync(Budget budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(budget);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command(
                "INSERT OR REPLACE INTO budgets (scope, name, amount, period, thresholds) VALUES ($scope, $name, $amount, $period, $thresholds)");
            command.Parameters.Add(new DuckDBParameter("scope", Budget.ScopeName(budget.Scope)));
            command.Parameters.Add(new DuckDBParameter("name", budget.Name));
            command.Parameters.Add(new DuckDBParameter("amount", budget.Amount));
            command.Parameters.Add(new DuckDBParameter("period", budget.Period.ToString().ToLowerInvariant()));
            command.Parameters.Add(new DuckDBParameter("thresholds", string.Join(',', budget.Thresholds.Select(t => t.ToString(CultureInfo.InvariantCulture)))));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> RemoveBudgetAsync(BudgetScope scope, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command("DELETE FROM budgets WHERE scope = $scope AND name = $name");
            command.Parameters.Add(new DuckDBParameter("scope", Budget.ScopeName(scope)));
            command.Parameters.Add(new DuckDBParameter("name", name));
            return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<Budget>> ListBudgetsAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command("SELECT scope, name, amount, period, thresholds FROM budgets ORDER BY scope, name");
            var budgets = new List<Budget>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                budgets.Add(new Budget
                {
                    Scope = Enum.Parse<BudgetScope>(reader.GetString(0), ignoreCase: true),
                    Name = reader.GetString(1),
                    Amount = reader.GetDecimal(2),
                    Period = Enum.Parse<BudgetPeriod>(reader.GetString(3), ignoreCase: true),
                    Thresholds = [.. reader.GetString(4).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => decimal.Parse(t, CultureInfo.InvariantCulture))],
                    Origin = "cli",
                });
            }

            return budgets;
        }
        finally
        {
            _gate.Release();
        }
    }
}
