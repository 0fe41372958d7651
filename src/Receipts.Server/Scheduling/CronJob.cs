using Cronos;

namespace Receipts.Server.Scheduling;

/// <summary>Something <see cref="CronScheduler"/> runs at each instant of a cron expression; it gets the instant it was due.</summary>
public sealed record CronJob(string Name, CronExpression Expression, Func<DateTimeOffset, CancellationToken, Task> RunAsync);
