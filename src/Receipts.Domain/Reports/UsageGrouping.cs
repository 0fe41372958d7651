namespace Receipts.Domain.Reports;

/// <summary>How <c>report usage</c> groups records.</summary>
public enum UsageGrouping
{
    /// <summary>Calendar day in the report's time zone (<c>2026-11-23</c>).</summary>
    Day,

    /// <summary>ISO week in the report's time zone (<c>2026-W48</c>).</summary>
    Week,

    /// <summary>Calendar month in the report's time zone (<c>2026-11</c>).</summary>
    Month,

    /// <summary>The agent session id.</summary>
    Session,

    /// <summary>The record's repository (normalised remote), else its working directory.</summary>
    Project,

    /// <summary>Project and branch.</summary>
    Branch,

    /// <summary>The model id as recorded.</summary>
    Model,
}
