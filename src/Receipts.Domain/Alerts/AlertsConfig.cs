using Receipts.Domain.Anomalies;

namespace Receipts.Domain.Alerts;

/// <summary>The <c>alerts:</c> section of <c>receipts.yaml</c>: channels, production keys and anomaly tuning.</summary>
public sealed record AlertsConfig
{
    public static AlertsConfig Empty { get; } = new();

    public IReadOnlyList<WebhookChannelConfig> Webhooks { get; init; } = [];

    public IReadOnlyList<SmtpChannelConfig> Email { get; init; } = [];

    /// <summary>Keys that serve production: dev/test traffic on them alerts. Keys with <c>prod</c> in their
    /// name, and keys whose traffic is almost all tagged <c>env=prod</c>, count too.</summary>
    public IReadOnlyList<string> ProductionKeys { get; init; } = [];

    public AnomalyOptions Anomalies { get; init; } = AnomalyOptions.Default;

    /// <summary>When <c>receipts serve</c> runs the budget and anomaly checks: a cron expression in the directory's zone. Default every 15 minutes.</summary>
    public string CheckSchedule { get; init; } = DefaultCheckSchedule;

    /// <summary>Reports <c>receipts serve</c> sends on a schedule. Default none.</summary>
    public IReadOnlyList<ReportSchedule> Reports { get; init; } = [];

    /// <summary>Watch the collector's live stream for runaway hours. Default true.</summary>
    public bool LiveRunaway { get; init; } = true;

    public const string DefaultCheckSchedule = "*/15 * * * *";
}
