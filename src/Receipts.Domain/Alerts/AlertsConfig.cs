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
}
