namespace Receipts.Domain.Directory;

/// <summary>A subscription seat (<c>seats:</c> in <c>receipts.yaml</c>).</summary>
public sealed record SeatConfig(string Tool, string Person, decimal MonthlyCost, DateOnly From, DateOnly? To);
