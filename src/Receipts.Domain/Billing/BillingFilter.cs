namespace Receipts.Domain.Billing;

/// <summary>Which billing lines to read: by charge-period start (UTC, <c>Until</c> exclusive), source and provider; null or empty means all.</summary>
public sealed record BillingFilter
{
    public static BillingFilter All { get; } = new();

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    public string? Source { get; init; }

    public string? Provider { get; init; }
}
