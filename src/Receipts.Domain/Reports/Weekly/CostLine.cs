namespace Receipts.Domain.Reports.Weekly;

/// <summary>A project or workflow and what it cost this week.</summary>
/// <param name="Name">The project or workflow.</param>
/// <param name="Team">The team it belongs to, when one does.</param>
/// <param name="Spend">Dollars this week.</param>
/// <param name="PreviousSpend">Dollars the week before.</param>
/// <param name="Share">Of all dollars of the week (cordoned included).</param>
/// <param name="Requests">Model requests this week.</param>
/// <param name="Cordoned">A research or prototype project, left out of CPVO.</param>
public sealed record CostLine(string Name, string? Team, decimal Spend, decimal PreviousSpend, decimal? Share, long Requests, bool Cordoned);
