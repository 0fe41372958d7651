namespace Receipts.Domain.Anomalies;

/// <summary>The identities daily spend is watched by.</summary>
public enum Dimension
{
    Team,
    Project,
    Key,
    Person,
    Workflow,
}
