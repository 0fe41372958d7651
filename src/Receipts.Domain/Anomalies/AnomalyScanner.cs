using Receipts.Domain.Alerts;
using Receipts.Domain.Metrics;

namespace Receipts.Domain.Anomalies;

/// <summary>
/// Runs every check as of an instant: the daily checks on the last complete local day, the runaway check on
/// the last complete hour and the hour in progress; and turns what it finds into alerts.
/// </summary>
public static class AnomalyScanner
{
    /// <summary>
    /// How far back the checks read: two baselines (drift compares with a month ago), the spike's level and spread
    /// windows (twelve and sixteen weeks by default), whichever is longest, and a day.
    /// </summary>
    public static DateTimeOffset ReadFrom(DateTimeOffset asOf, AnomalyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var days = Math.Max(2 * options.BaselineDays, Math.Max(options.SpikeLevelDays, options.SpikeSpreadDays));
        return asOf.AddDays(-(days + 2));
    }

    public static IReadOnlyList<Anomaly> Scan(
        IEnumerable<SpendItem> items,
        DateTimeOffset asOf,
        TimeZoneInfo zone,
        AnomalyOptions options,
        IReadOnlyCollection<string>? productionKeys = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        var history = new SpendHistory(items.Where(i => i.At < asOf), zone);
        var yesterday = Forecasts.DecimalMath.LocalDate(asOf, zone).AddDays(-1);
        var anomalies = new List<Anomaly>(DailyDetector.Detect(history, yesterday, options, productionKeys));
        var hour = SpendHistory.HourOf(asOf);
        anomalies.AddRange(RunawayDetector.Detect(history, hour.AddHours(-1), options));
        anomalies.AddRange(RunawayDetector.Detect(history, hour, options));
        return [.. anomalies.DistinctBy(a => a.Key)];
    }

    public static Alert ToAlert(Anomaly anomaly, DateTimeOffset raisedAt)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        var (kind, severity, title) = anomaly.Kind switch
        {
            AnomalyKind.Spike => (AlertKind.Spike, AlertSeverity.Warning, $"Spend spike: {anomaly.Subject}"),
            AnomalyKind.Drift => (AlertKind.Drift, AlertSeverity.Info, $"Spend drifting up: {anomaly.Subject}"),
            AnomalyKind.CostPerCall => (AlertKind.CostPerCall, AlertSeverity.Warning, $"Cost per call jumped: {anomaly.Subject}"),
            AnomalyKind.Runaway => (AlertKind.Runaway, AlertSeverity.Critical, $"Runaway spend: {anomaly.Subject}"),
            AnomalyKind.EnvMismatch => (AlertKind.EnvMismatch, AlertSeverity.Warning, $"Dev/test traffic on a production key: {anomaly.Subject}"),
            _ => throw new ArgumentOutOfRangeException(nameof(anomaly), anomaly.Kind, null),
        };
        var detail = anomaly.Description + (anomaly.Driver is null ? "." : $"; likely driver: {anomaly.Driver}.");
        return new Alert
        {
            Key = anomaly.Key,
            Kind = kind,
            Severity = severity,
            Subject = anomaly.Subject,
            Title = title,
            Detail = char.ToUpperInvariant(detail[0]) + detail[1..],
            RaisedAt = raisedAt,
            Since = anomaly.Since,
            Observed = anomaly.Observed,
            Expected = anomaly.Baseline,
            Driver = anomaly.Driver,
        };
    }
}
