namespace Receipts.Domain.Metrics;

public enum CpvoGrouping
{
    Team = 0,
    Project = 1,
}
