namespace Receipts.Server.Dashboard.Snapshots;

/// <summary>GET /dashboard/api/status: how fresh the dashboard's numbers are.</summary>
internal sealed record SnapshotStatus(bool Available, long? Version, DateTimeOffset? ComputedAt, DateTimeOffset? AsOf, bool Computing, string? Error);
