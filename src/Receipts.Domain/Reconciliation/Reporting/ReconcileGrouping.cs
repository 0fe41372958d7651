namespace Receipts.Domain.Reconciliation.Reporting;

/// <summary>What one row of the reconcile report sums over.</summary>
public enum ReconcileGrouping
{
    /// <summary>One row per provider (<c>anthropic</c>, <c>openai</c>, <c>aws</c>…).</summary>
    Provider = 0,

    /// <summary>One row per provider and billing identity (api key, workspace, seat or organisation).</summary>
    Key = 1,

    /// <summary>One row per UTC day.</summary>
    Day = 2,

    /// <summary>One row per provider and model.</summary>
    Model = 3,

    /// <summary>
    /// One row per team the dollars reached (<c>(unattributed)</c> for none): each record's billed share and its
    /// estimate, so a cell's drift is shared by its records' teams in proportion to their usage.
    /// </summary>
    Team = 4,
}
