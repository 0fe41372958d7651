namespace Receipts.Domain.Alerts;

/// <summary>
/// One alert: what happened, to whom, how far from normal and the likely driver. <see cref="Key"/> is the
/// sent-once identity (<c>budget:team:payments:2026-11:0.8</c>): an alert with a stored key is never raised again.
/// Carries names and numbers only, never content.
/// </summary>
public sealed record Alert
{
    public required string Key { get; init; }

    public required AlertKind Kind { get; init; }

    public required AlertSeverity Severity { get; init; }

    /// <summary>What it is about: <c>team payments</c>, <c>key payments-prod</c>, <c>workflow summarise</c>.</summary>
    public required string Subject { get; init; }

    /// <summary>One line for a chat message or an email subject.</summary>
    public required string Title { get; init; }

    /// <summary>A few lines: how far from normal, since when, the likely driver.</summary>
    public required string Detail { get; init; }

    /// <summary>When the check that raised it ran.</summary>
    public required DateTimeOffset RaisedAt { get; init; }

    /// <summary>Since when the condition holds (the period start, the first anomalous day or hour).</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>The observed value (dollars, or dollars per call).</summary>
    public decimal? Observed { get; init; }

    /// <summary>The normal or allowed value it is compared with.</summary>
    public decimal? Expected { get; init; }

    /// <summary>Likely driver: <c>model claude-opus-4-5</c>, <c>person sarah</c>…; null when none stands out.</summary>
    public string? Driver { get; init; }
}
