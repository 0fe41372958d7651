namespace Receipts.Cli.Commands.Report;

/// <summary>The period a report covers: the zone, the inclusive local dates asked for, and the UTC bounds (until exclusive).</summary>
internal sealed record ReportPeriodChoice(
    TimeZoneInfo Zone,
    DateOnly? Since,
    DateOnly? Until,
    DateTimeOffset? SinceUtc,
    DateTimeOffset? UntilUtc);
