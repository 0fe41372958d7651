using Receipts.Domain.Anomalies;

namespace Receipts.Bench.Anomalies;

/// <summary>
/// What was injected: the kinds that count as finding it, the subjects it shows up on (the person, and the
/// team, project and key their spend rolls up to), and the window in which an alert counts.
/// </summary>
internal sealed record Injected(Scenario Scenario, IReadOnlySet<AnomalyKind> Kinds, IReadOnlySet<string> Subjects, DateTimeOffset From, DateTimeOffset Until)
{
    public bool Explains(Anomaly anomaly) =>
        Kinds.Contains(anomaly.Kind) && Subjects.Contains(anomaly.Subject) && anomaly.At >= From && anomaly.At < Until;
}
