namespace Receipts.Server.Scheduling;

/// <summary>The time zone cron expressions, weeks and days are read in: <c>timezone:</c> of receipts.yaml, else UTC.</summary>
public sealed record ScheduleZone(TimeZoneInfo Zone);
