namespace Receipts.Domain.Billing;

/// <summary>A subscription seat (Claude Max, Copilot, Cursor…): who holds it, what it costs a month, and when.</summary>
public sealed record Seat
{
    /// <summary><c>claude</c>, <c>copilot</c>, <c>cursor</c>, …</summary>
    public required string Tool { get; init; }

    /// <summary>The holder's email or account id.</summary>
    public required string Person { get; init; }

    /// <summary>Plan name as the vendor calls it, when known.</summary>
    public string? Plan { get; init; }

    public required decimal MonthlyCost { get; init; }

    public string Currency { get; init; } = "USD";

    /// <summary>First day of the seat (inclusive).</summary>
    public required DateOnly From { get; init; }

    /// <summary>Last day of the seat (inclusive); null while it runs.</summary>
    public DateOnly? To { get; init; }
}
